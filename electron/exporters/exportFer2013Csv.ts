import crypto from 'node:crypto'
import fs from 'node:fs'
import { once } from 'node:events'
import path from 'node:path'
import { finished } from 'node:stream/promises'
import zlib from 'node:zlib'

import type { DatasetId } from '../../shared/domain/ids'
import { FER2013_USAGE } from '../../shared/domain/split'
import { StudioFailure } from '../../shared/transport/envelope'
import type { StudioDb } from '../db/openDatabase'
import { getDataset } from '../db/queries/datasets'
import { countExportable, getFacePage } from '../db/queries/faces'
import { checkExportTarget, moveIntoPlace } from './exportTarget'
import type { ExportTargetOptions } from './exportTarget'

/** Where it went, faces written, and excluded faces left out. */
export type ExportResult = Readonly<{ path: string; faces: number; excluded: number }>
export type ExportProgress = (done: number, total: number) => void

/** Faces read from the store per query while exporting. */
export const EXPORT_PAGE = 512

const PIXEL_TEXT = Array.from({ length: 256 }, (_, i) => String(i))

/** A face's pixels as FER2013 writes them: integers separated by single spaces. */
export function pixelsToText(pixels: Uint8Array): string {
  let text = ''
  for (let i = 0; i < pixels.length; i++) {
    text += i === 0 ? PIXEL_TEXT[pixels[i]!] : ` ${PIXEL_TEXT[pixels[i]!]}`
  }
  return text
}

/**
 * Writes a dataset as a Kaggle FER2013 CSV (`emotion,pixels,Usage`) with current labels and splits
 * as Usage (train -> Training, validation -> PublicTest, test -> PrivateTest), gzipped when the path
 * ends in .gz. `outPath` must be absolute and outside the data folder; an existing file is
 * CONFLICT unless `options.overwrite` (see `checkExportTarget`). Streams page by page into a
 * temporary file in the target's folder, moved into place at the end, so a failed export never
 * leaves a half file under the asked name and never touches an existing one.
 */
export async function exportFer2013Csv(
  db: StudioDb,
  datasetId: DatasetId,
  outPath: string,
  options: ExportTargetOptions,
  onProgress?: ExportProgress,
): Promise<ExportResult> {
  const dataset = getDataset(db, datasetId)
  if (!dataset) throw new StudioFailure('NOT_FOUND', `Dataset ${datasetId} does not exist`)
  const target = checkExportTarget(outPath, 'file', options)
  fs.mkdirSync(path.dirname(target), { recursive: true })
  // Excluded faces are left out; the result says how many.
  const { included: total, excluded } = countExportable(db, datasetId)
  const tmp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${crypto.randomBytes(4).toString('hex')}.tmp`,
  )
  const file = fs.createWriteStream(tmp)
  const gzip = target.endsWith('.gz') ? zlib.createGzip() : null
  const out = gzip ?? file
  if (gzip) gzip.pipe(file)
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await once(out, 'drain')
  }
  let faces = 0
  try {
    await write('emotion,pixels,Usage\n')
    let afterId = 0
    for (;;) {
      const page = getFacePage(db, datasetId, afterId, EXPORT_PAGE)
      if (page.length === 0) break
      for (const face of page) {
        await write(`${face.label},${pixelsToText(face.pixels)},${FER2013_USAGE[face.split]}\n`)
        faces++
      }
      afterId = page[page.length - 1]!.id
      onProgress?.(faces, total)
    }
    out.end()
    await finished(file)
    moveIntoPlace(tmp, target, options.overwrite)
    return { path: target, faces, excluded }
  } catch (err) {
    out.destroy()
    file.destroy()
    fs.rmSync(tmp, { force: true })
    throw err
  }
}
