import fs from 'node:fs/promises'
import path from 'node:path'

import { emotionFromIndex, emotionIndex } from '../../shared/domain/emotion'
import { emotionFromName } from '../../shared/domain/emotionNames'
import { splitFromName } from '../../shared/domain/split'
import type { Split } from '../../shared/domain/split'
import { StudioFailure } from '../../shared/transport/envelope'
import { decodeFace, describeDecodeError } from '../imaging/decodeFace'
import { openCsvRecords } from './csvRecords'
import type { CsvRecord } from './csvRecords'
import { orderedMap } from './orderedMap'
import { DECODE_CONCURRENCY } from './readFolder'
import { readImageFile } from './regularFile'
import { assertTextFile } from './readFer2013Csv'
import type { FaceSource, ReaderOptions, SourceItem } from './types'

/** Column positions in a manifest; split is optional (no split column: every face is train). */
export type ManifestColumns = Readonly<{ path: number; label: number; split: number | null }>

/** Finds the manifest columns in a header row (case and spaces ignored, any order), or null. */
export function manifestColumns(header: readonly string[]): ManifestColumns | null {
  const names = header.map((cell) => cell.trim().toLowerCase())
  const pathColumn = names.indexOf('path')
  const label = names.indexOf('label')
  const split = names.indexOf('split')
  if (pathColumn < 0 || label < 0) return null
  return { path: pathColumn, label, split: split < 0 ? null : split }
}

/** A label cell: an emotion name (with synonyms) or a FER2013 index 0..6. */
export function parseLabelCell(text: string): number | null {
  const trimmed = text.trim()
  const emotion = /^\d+$/.test(trimmed)
    ? emotionFromIndex(Number(trimmed))
    : emotionFromName(trimmed)
  return emotion === null ? null : emotionIndex(emotion)
}

/**
 * Streams a manifest CSV (`path,label[,split]`): image paths relative to the manifest's folder,
 * labels as names or 0..6, splits as names (missing = train). A path that leaves the manifest's
 * folder (`../`, an absolute path, a symlink pointing out) is rejected. Images are decoded like
 * folder imports, with bounded concurrency.
 */
export async function readManifest(file: string, options: ReaderOptions): Promise<FaceSource> {
  const { isGzip } = await assertTextFile(file)
  const root = path.dirname(path.resolve(file))
  const realRoot = await fs.realpath(root)
  const csv = openCsvRecords(file, { isGzip })
  const first = await csv.records.next()
  const columns =
    first.done || first.value.cells === undefined ? null : manifestColumns(first.value.cells)
  if (columns === null) {
    await csv.records.return(undefined)
    throw new StudioFailure(
      'INVALID_INPUT',
      `${file}: wrong header: a manifest starts with path,label (and optionally split)`,
    )
  }
  const needed = Math.max(columns.path, columns.label, columns.split ?? 0) + 1

  const resolveRow = async (record: CsvRecord): Promise<SourceItem> => {
    const reject = (reason: string): SourceItem => ({
      kind: 'rejected',
      file,
      row: record.row,
      reason,
    })
    if (record.cells === undefined) return reject(record.error)
    const cells = record.cells
    if (cells.length < needed) return reject(`expected ${needed} columns, found ${cells.length}`)
    const relative = (cells[columns.path] ?? '').trim()
    if (relative === '') return reject('empty path')
    const label = parseLabelCell(cells[columns.label] ?? '')
    if (label === null)
      return reject(`label '${(cells[columns.label] ?? '').trim()}' is not an emotion`)
    let split: Split | null = 'train'
    if (columns.split !== null) {
      const name = (cells[columns.split] ?? '').trim()
      split = name === '' ? 'train' : splitFromName(name)
      if (split === null) return reject(`split '${name}' is not train, validation or test`)
    }
    const absolute = path.resolve(root, relative)
    if (path.isAbsolute(relative) || !isInside(root, absolute)) {
      return reject(`path '${relative}' escapes the manifest's folder`)
    }
    let real: string
    try {
      real = await fs.realpath(absolute)
    } catch {
      return reject(`image '${relative}' does not exist`)
    }
    if (!isInside(realRoot, real))
      return reject(`path '${relative}' escapes the manifest's folder (symlink)`)
    const read = readImageFile(real)
    if (read.reason !== undefined) return reject(`image '${relative}': ${read.reason}`)
    try {
      const pixels = await decodeFace(read.bytes, options.faceSize)
      return { kind: 'face', pixels, label, split, sourceFile: relative, sourceRow: record.row }
    } catch (err) {
      return reject(`unreadable image '${relative}': ${describeDecodeError(err)}`)
    }
  }

  async function* items(): AsyncGenerator<SourceItem> {
    let rows = 0
    for await (const item of orderedMap(csv.records, DECODE_CONCURRENCY, resolveRow)) {
      rows++
      if (options.onProgress && rows % 64 === 0) {
        // The total is not known until the end; an estimate from bytes jumps as gzip
        // chunks arrive, so the share of bytes read stands in for it.
        options.onProgress(rows, null, Math.min(1, csv.bytesRead() / Math.max(1, csv.totalBytes)))
      }
      yield item
    }
    options.onProgress?.(rows, rows)
  }
  return { format: 'manifest', faceSize: options.faceSize, root: null, items: items() }
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate)
  return (
    relative !== '' &&
    relative !== '..' &&
    !relative.startsWith(`..${path.sep}`) &&
    !path.isAbsolute(relative)
  )
}
