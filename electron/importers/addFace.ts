import type { AddFaceTarget } from '../../shared/contract/predict'
import type { DatasetId, FaceId } from '../../shared/domain/ids'
import type { Split } from '../../shared/domain/split'
import { StudioFailure } from '../../shared/transport/envelope'
import { getDataset } from '../db/queries/datasets'
import { markDuplicateGroups } from '../db/queries/faces'
import { type CommitDeps, commitFaces } from './commitFaces'
import { faceRowPixels } from './faceRow'
import type { FaceItem } from './types'

export type NewFace = Readonly<{
  /** faceSize x faceSize 8-bit grayscale, row-major. */
  pixels: Uint8Array
  faceSize: number
  /** FER2013 label index 0..6. */
  label: number
  split: Split
  /** Where it came from (`camera`, `party.jpg#2`), stored as its source file. */
  source: string
}>

/**
 * Adds one face to a dataset, e.g. a face found in a photo, so users can collect their own data.
 * A new dataset goes through the importer's commit (`commitFaces`, all or nothing); an existing
 * one gets the face in one transaction that stores it the way imports do (`faceRowPixels`) and
 * re-marks duplicate groups. The face's size must be the dataset's.
 */
export async function addFace(
  deps: CommitDeps,
  target: AddFaceTarget,
  face: NewFace,
): Promise<{ datasetId: DatasetId; faceId: FaceId }> {
  if (face.pixels.length !== face.faceSize * face.faceSize)
    throw new StudioFailure(
      'INVALID_INPUT',
      `The face has ${face.pixels.length} pixels, expected ${face.faceSize}x${face.faceSize}`,
    )
  if (target.kind === 'new') {
    const item: FaceItem = {
      kind: 'face',
      pixels: face.pixels,
      label: face.label,
      split: face.split,
      sourceFile: face.source,
      sourceRow: null,
    }
    const { datasetId } = await commitFaces(
      deps,
      { format: 'capture', faceSize: face.faceSize, root: null, items: one(item) },
      { name: target.name, source: 'capture', sourcePath: null, skipBad: false },
    )
    return { datasetId, faceId: lastFaceOf(deps, datasetId) }
  }
  const dataset = getDataset(deps.db, target.datasetId)
  if (!dataset) throw new StudioFailure('NOT_FOUND', `No dataset with id ${target.datasetId}`)
  if (dataset.faceSize !== face.faceSize)
    throw new StudioFailure(
      'INVALID_INPUT',
      `Dataset '${dataset.name}' holds ${dataset.faceSize}px faces; this face is ${face.faceSize}px`,
    )
  const row = faceRowPixels(face.pixels)
  const insert = deps.db.transaction((): FaceId => {
    const result = deps.db
      .prepare(
        `INSERT INTO faces (dataset_id, split, label, original_label, pixels, hash, is_blank, source_file, source_row)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
      )
      .run(
        dataset.id,
        face.split,
        face.label,
        face.label,
        row.pixels,
        row.hash,
        row.isBlank,
        face.source,
      )
    markDuplicateGroups(deps.db, dataset.id)
    return Number(result.lastInsertRowid) as FaceId
  })
  return { datasetId: dataset.id, faceId: insert.immediate() }
}

async function* one(item: FaceItem): AsyncIterable<FaceItem> {
  yield await Promise.resolve(item)
}

function lastFaceOf(deps: CommitDeps, datasetId: DatasetId): FaceId {
  const row = deps.db
    .prepare<[number], { id: number }>('SELECT MAX(id) AS id FROM faces WHERE dataset_id = ?')
    .get(datasetId)
  return (row?.id ?? 0) as FaceId
}
