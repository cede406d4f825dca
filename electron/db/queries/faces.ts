import { EMOTIONS } from '../../../shared/domain/emotion'
import type { Emotion } from '../../../shared/domain/emotion'
import type { ExclusionReason } from '../../../shared/domain/exclusion'
import type { FacePrediction, FaceSummary } from '../../../shared/domain/face'
import type { DatasetId, FaceId } from '../../../shared/domain/ids'
import type { Split } from '../../../shared/domain/split'
import type { StudioDb } from '../openDatabase'

/** A `faces` row without its pixels, as SQLite returns it. */
export type FaceRow = {
  id: number
  dataset_id: number
  split: Split
  label: number
  original_label: number
  hash: string
  duplicate_group: number | null
  is_blank: number
  source_file: string
  source_row: number | null
  ferplus_votes: string | null
  ferplus_majority: number | null
  excluded: ExclusionReason | null
}

/** Every column but `pixels`, which only the media service, exports and `faces.pixels` read. */
export const FACE_COLUMNS = `id, dataset_id, split, label, original_label, hash, duplicate_group,
  is_blank, source_file, source_row, ferplus_votes, ferplus_majority, excluded`

/** Label index (0..6) to emotion; the schema's CHECK constraint keeps it in range. */
export function emotionAt(index: number): Emotion {
  const emotion = EMOTIONS[index]
  if (emotion === undefined) throw new Error(`Stored label ${index} is outside 0..6`)
  return emotion
}

export function toFaceSummary(row: FaceRow, prediction: FacePrediction | null): FaceSummary {
  return {
    id: row.id as FaceId,
    datasetId: row.dataset_id as DatasetId,
    split: row.split,
    label: emotionAt(row.label),
    originalLabel: emotionAt(row.original_label),
    sourceFile: row.source_file,
    sourceRow: row.source_row,
    hash: row.hash,
    duplicateGroup: row.duplicate_group,
    isBlank: row.is_blank !== 0,
    excluded: row.excluded,
    ferPlusVotes: row.ferplus_votes === null ? null : (JSON.parse(row.ferplus_votes) as number[]),
    prediction,
  }
}

/** The rows of the given faces, by id; ids that do not exist are absent from the map. */
export function getFaceRows(db: StudioDb, ids: readonly number[]): Map<number, FaceRow> {
  const rows = db
    .prepare<[string], FaceRow>(
      `SELECT ${FACE_COLUMNS} FROM faces WHERE id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(ids))
  return new Map(rows.map((row) => [row.id, row]))
}

/** The faces of a dataset sharing a content hash, by id. */
export function getFaceRowsByHash(db: StudioDb, datasetId: number, hash: string): FaceRow[] {
  return db
    .prepare<[number, string], FaceRow>(
      `SELECT ${FACE_COLUMNS} FROM faces WHERE dataset_id = ? AND hash = ? ORDER BY id`,
    )
    .all(datasetId, hash)
}

/** A face's stored pixels and its dataset's face size. */
export function getFacePixels(
  db: StudioDb,
  faceId: number,
): { pixels: Buffer; faceSize: number } | undefined {
  const row = db
    .prepare<[number], { pixels: Buffer; face_size: number }>(
      `SELECT f.pixels, d.face_size FROM faces f JOIN datasets d ON d.id = f.dataset_id
        WHERE f.id = ?`,
    )
    .get(faceId)
  return row && { pixels: row.pixels, faceSize: row.face_size }
}

/**
 * Sets `duplicate_group` to the smallest face id among the faces of the dataset that share its
 * hash, and NULL for faces whose hash is unique. Uses the (dataset_id, hash) index.
 */
export function markDuplicateGroups(db: StudioDb, datasetId: number): void {
  db.prepare(
    'UPDATE faces SET duplicate_group = NULL WHERE dataset_id = ? AND duplicate_group IS NOT NULL',
  ).run(datasetId)
  db.prepare(
    `UPDATE faces SET duplicate_group = g.first
       FROM (SELECT hash, MIN(id) AS first FROM faces WHERE dataset_id = ?
              GROUP BY hash HAVING COUNT(*) > 1) AS g
      WHERE faces.dataset_id = ? AND faces.hash = g.hash`,
  ).run(datasetId, datasetId)
}

/** One page of a dataset's included faces with pixels, in id order, for exporters (keyset pagination). */
export type FaceWithPixelsRow = { id: number; split: Split; label: number; pixels: Buffer }

export function getFacePage(
  db: StudioDb,
  datasetId: number,
  afterId: number,
  limit: number,
): FaceWithPixelsRow[] {
  return db
    .prepare<[number, number, number], FaceWithPixelsRow>(
      `SELECT id, split, label, pixels FROM faces
        WHERE dataset_id = ? AND id > ? AND excluded IS NULL ORDER BY id LIMIT ?`,
    )
    .all(datasetId, afterId, limit)
}

/** Faces of a dataset an export writes, and those it leaves out because they are excluded. */
export function countExportable(
  db: StudioDb,
  datasetId: number,
): { included: number; excluded: number } {
  const row = db
    .prepare<[number], { included: number; excluded: number }>(
      `SELECT COUNT(*) - COUNT(excluded) AS included, COUNT(excluded) AS excluded
         FROM faces INDEXED BY faces_grid WHERE dataset_id = ?`,
    )
    .get(datasetId)
  return row ?? { included: 0, excluded: 0 }
}

/** Ids of a dataset's included faces, of one label (FER2013 index) or all, in id order. */
export function datasetFaceIds(db: StudioDb, datasetId: number, label: number | null): number[] {
  const rows =
    label === null
      ? db
          .prepare<[number], { id: number }>(
            'SELECT id FROM faces WHERE dataset_id = ? AND excluded IS NULL ORDER BY id',
          )
          .all(datasetId)
      : db
          .prepare<[number, number], { id: number }>(
            'SELECT id FROM faces WHERE dataset_id = ? AND label = ? AND excluded IS NULL ORDER BY id',
          )
          .all(datasetId, label)
  return rows.map((row) => row.id)
}

/** A face's stored pixels, only when it belongs to the dataset. */
export function datasetFacePixels(db: StudioDb, datasetId: number, faceId: number): Buffer | null {
  return (
    db
      .prepare<[number, number], { pixels: Buffer }>(
        'SELECT pixels FROM faces WHERE id = ? AND dataset_id = ?',
      )
      .get(faceId, datasetId)?.pixels ?? null
  )
}

/** What the media service encodes a face from: its pixels, content hash and side. */
export type FaceImageSource = { pixels: Buffer; hash: string; face_size: number }

/** A prepared lookup of a face's image source by id (the media service calls it per image). */
export function createFaceImageLookup(
  db: StudioDb,
): (faceId: number) => FaceImageSource | undefined {
  const select = db.prepare<[number], FaceImageSource>(
    `SELECT f.pixels AS pixels, f.hash AS hash, d.face_size AS face_size
       FROM faces f JOIN datasets d ON d.id = f.dataset_id
      WHERE f.id = ?`,
  )
  return (faceId) => select.get(faceId)
}
