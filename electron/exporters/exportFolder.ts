import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import { EMOTIONS } from '../../shared/domain/emotion'
import type { DatasetId } from '../../shared/domain/ids'
import { FER2013_USAGE } from '../../shared/domain/split'
import { StudioFailure } from '../../shared/transport/envelope'
import type { StudioDb } from '../db/openDatabase'
import { getDataset } from '../db/queries/datasets'
import { getFacePage } from '../db/queries/faces'
import type { FaceWithPixelsRow } from '../db/queries/faces'
import { encodeFacePng } from '../imaging/encodeFacePng'
import { orderedMap } from '../importers/orderedMap'
import { EXPORT_PAGE } from './exportFer2013Csv'
import type { ExportProgress, ExportResult } from './exportFer2013Csv'

/** PNG encodes in flight at once (sharp runs them on libuv's thread pool). */
const ENCODE_CONCURRENCY = 8

/**
 * Writes a dataset as a folder per class: `<split folder>/<emotion>/<faceId>.png`, split folders
 * named as FER2013's Usage (Training, PublicTest, PrivateTest), current labels, lossless 8-bit
 * grayscale PNGs at the stored size. The folder must not exist or be empty; the export is written
 * beside it and renamed into place at the end, so a failure leaves no partial folder.
 */
export async function exportFolder(
  db: StudioDb,
  datasetId: DatasetId,
  outDir: string,
  onProgress?: ExportProgress,
): Promise<ExportResult> {
  const dataset = getDataset(db, datasetId)
  if (!dataset) throw new StudioFailure('NOT_FOUND', `Dataset ${datasetId} does not exist`)
  const target = path.resolve(outDir)
  if (fs.existsSync(target)) {
    if (!fs.statSync(target).isDirectory())
      throw new StudioFailure('CONFLICT', `${target} exists and is a file`)
    if (fs.readdirSync(target).length > 0)
      throw new StudioFailure('CONFLICT', `${target} exists and is not empty`)
  }
  fs.mkdirSync(path.dirname(target), { recursive: true })
  const total =
    db
      .prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM faces WHERE dataset_id = ?')
      .get(datasetId)?.n ?? 0
  const staging = `${target}.${crypto.randomBytes(4).toString('hex')}.tmp`
  const made = new Set<string>()
  let faces = 0

  async function* pages(): AsyncGenerator<FaceWithPixelsRow> {
    let afterId = 0
    for (;;) {
      const page = getFacePage(db, datasetId, afterId, EXPORT_PAGE)
      if (page.length === 0) return
      yield* page
      afterId = page[page.length - 1]!.id
    }
  }
  const writeFace = async (face: FaceWithPixelsRow): Promise<void> => {
    const dir = path.join(
      staging,
      FER2013_USAGE[face.split],
      EMOTIONS[face.label] ?? String(face.label),
    )
    if (!made.has(dir)) {
      fs.mkdirSync(dir, { recursive: true })
      made.add(dir)
    }
    const png = await encodeFacePng(face.pixels, dataset.faceSize)
    await fs.promises.writeFile(path.join(dir, `${face.id}.png`), png)
  }

  try {
    fs.mkdirSync(staging)
    for await (const written of orderedMap(pages(), ENCODE_CONCURRENCY, (face) =>
      writeFace(face).then(
        () => true,
        (err: unknown) => err,
      ),
    )) {
      if (written !== true) throw written
      faces++
      if (onProgress && (faces % 256 === 0 || faces === total)) onProgress(faces, total)
    }
    if (fs.existsSync(target)) fs.rmdirSync(target)
    fs.renameSync(staging, target)
    return { path: target, faces }
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true })
    throw err
  }
}
