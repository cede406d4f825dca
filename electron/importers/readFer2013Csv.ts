import path from 'node:path'

import { emotionFromIndex, emotionIndex } from '../../shared/domain/emotion'
import { splitFromName } from '../../shared/domain/split'
import { StudioFailure } from '../../shared/transport/envelope'
import { openCsvRecords } from './csvRecords'
import { parsePixels } from './parsePixels'
import { sniffFile } from './sniffFile'
import type { FaceSource, ReaderOptions, SourceItem } from './types'

/** Column positions in a FER2013 CSV; Usage is optional (no Usage: every face is train). */
export type Fer2013Columns = Readonly<{ emotion: number; pixels: number; usage: number | null }>

/** Finds the FER2013 columns in a header row (case and spaces ignored, any order), or null. */
export function fer2013Columns(header: readonly string[]): Fer2013Columns | null {
  const names = header.map((cell) => cell.trim().toLowerCase())
  const emotion = names.indexOf('emotion')
  const pixels = names.indexOf('pixels')
  const usage = names.indexOf('usage')
  if (emotion < 0 || pixels < 0) return null
  return { emotion, pixels, usage: usage < 0 ? null : usage }
}

/** Rejects a file that is not text before csv-parse tries to make sense of it. */
export async function assertTextFile(file: string): Promise<{ isGzip: boolean; head: Buffer }> {
  const sniff = await sniffFile(file)
  if (sniff.binaryKind !== null) {
    throw new StudioFailure('INVALID_INPUT', `${file}: not a CSV file (it is ${sniff.binaryKind})`)
  }
  if (sniff.head.toString('utf8').trim() === '') {
    throw new StudioFailure('INVALID_INPUT', `${file}: the file is empty`)
  }
  return sniff
}

/**
 * Streams the Kaggle FER2013 CSV (`emotion,pixels,Usage`, plain or gzipped): one face per row,
 * `Usage` mapped to splits (Training -> train, PublicTest -> validation, PrivateTest -> test).
 * Progress is rows read and the share of the file's bytes read so far; the total comes at the end.
 */
export async function readFer2013Csv(file: string, options: ReaderOptions): Promise<FaceSource> {
  const { isGzip } = await assertTextFile(file)
  const csv = openCsvRecords(file, { isGzip })
  const first = await csv.records.next()
  if (first.done || first.value.cells === undefined) {
    await csv.records.return(undefined)
    throw new StudioFailure('INVALID_INPUT', `${file}: not a FER2013 CSV: no header row`)
  }
  const found = fer2013Columns(first.value.cells)
  if (found === null) {
    await csv.records.return(undefined)
    throw new StudioFailure(
      'INVALID_INPUT',
      `${file}: wrong header: a FER2013 CSV starts with emotion,pixels,Usage`,
    )
  }
  const columns = found
  const sourceFile = path.basename(file)
  const needed = Math.max(columns.emotion, columns.pixels, columns.usage ?? 0) + 1

  let rows = 0
  async function* items(): AsyncGenerator<SourceItem> {
    for await (const record of csv.records) {
      rows++
      if (options.onProgress && rows % 256 === 0) {
        // The total is not known until the end; an estimate from bytes jumps as gzip
        // chunks arrive, so the share of bytes read stands in for it.
        options.onProgress(rows, null, Math.min(1, csv.bytesRead() / Math.max(1, csv.totalBytes)))
      }
      const reject = (reason: string): SourceItem => ({
        kind: 'rejected',
        file,
        row: record.row,
        reason,
      })
      if (record.cells === undefined) {
        yield reject(record.error)
        continue
      }
      const cells = record.cells
      if (cells.length < needed) {
        yield reject(`expected ${needed} columns, found ${cells.length}`)
        continue
      }
      const labelText = (cells[columns.emotion] ?? '').trim()
      const emotion = /^\d+$/.test(labelText) ? emotionFromIndex(Number(labelText)) : null
      if (emotion === null) {
        yield reject(`label '${labelText}' is not a FER2013 emotion 0..6`)
        continue
      }
      let split: ReturnType<typeof splitFromName> = 'train'
      if (columns.usage !== null) {
        const usage = (cells[columns.usage] ?? '').trim()
        split = splitFromName(usage)
        if (split === null) {
          yield reject(`Usage '${usage}' is not Training, PublicTest or PrivateTest`)
          continue
        }
      }
      const parsed = parsePixels(cells[columns.pixels] ?? '', options.faceSize)
      if (parsed.pixels === null) {
        yield reject(parsed.error)
        continue
      }
      yield {
        kind: 'face',
        pixels: parsed.pixels,
        label: emotionIndex(emotion),
        split,
        sourceFile,
        sourceRow: record.row,
      }
    }
    options.onProgress?.(rows, rows)
  }

  return {
    format: 'fer2013-csv',
    faceSize: options.faceSize,
    root: null,
    items: items(),
    sourceRows: () => rows,
  }
}
