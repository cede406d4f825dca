import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import { EMOTIONS } from '../../shared/domain/emotion'
import type { DatasetId } from '../../shared/domain/ids'
import { FER2013_USAGE } from '../../shared/domain/split'
import { StudioFailure } from '../../shared/transport/envelope'
import type { StudioDb } from '../db/openDatabase'
import { getDataset } from '../db/queries/datasets'
import { countExportable, getFacePage } from '../db/queries/faces'
import type { FaceWithPixelsRow } from '../db/queries/faces'
import { encodeFacePng } from '../imaging/encodeFacePng'
import { orderedMap } from '../importers/orderedMap'
import { EXPORT_PAGE } from './exportFer2013Csv'
import type { ExportProgress, ExportResult } from './exportFer2013Csv'
import { checkExportTarget } from './exportTarget'
import type { ExportTargetOptions } from './exportTarget'

/** PNG encodes in flight at once (sharp runs them on libuv's thread pool). */
const ENCODE_CONCURRENCY = 8

/**
 * Writes a dataset as a folder per class: `<split folder>/<emotion>/<faceId>.png`, split folders
 * named as FER2013's Usage (Training, PublicTest, PrivateTest), current labels, lossless 8-bit
 * grayscale PNGs at the stored size. The folder must be absolute, outside the data folder, and
 * not exist or be empty, `overwrite` or not (see `checkExportTarget`); the export is written
 * into a temporary folder beside it and renamed into place at the end, so a failure leaves no
 * partial folder.
 */
export async function exportFolder(
  db: StudioDb,
  datasetId: DatasetId,
  outDir: string,
  options: ExportTargetOptions,
  onProgress?: ExportProgress,
): Promise<ExportResult> {
  const dataset = getDataset(db, datasetId)
  if (!dataset) throw new StudioFailure('NOT_FOUND', `Dataset ${datasetId} does not exist`)
  const target = checkExportTarget(outDir, 'folder', options)
  fs.mkdirSync(path.dirname(target), { recursive: true })
  // Excluded faces are left out; the result says how many.
  const { included: total, excluded } = countExportable(db, datasetId)
  const staging = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${crypto.randomBytes(4).toString('hex')}.tmp`,
  )
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
    placeFolder(staging, target)
    return { path: target, faces, excluded }
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true })
    throw err
  }
}

/**
 * Renames the finished staging folder onto the target, which may be an empty folder. rmdir and
 * rename both fail on a folder that is not empty (any more): then nothing of the user's is removed
 * and the export is CONFLICT.
 */
function placeFolder(staging: string, target: string): void {
  try {
    if (fs.existsSync(target)) fs.rmdirSync(target)
    fs.renameSync(staging, target)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'ENOTDIR')
      throw new StudioFailure('CONFLICT', `${target} was filled while exporting; nothing replaced`)
    throw err
  }
}
