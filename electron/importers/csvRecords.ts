import fs from 'node:fs'
import { pipeline } from 'node:stream'
import zlib from 'node:zlib'

import { parse } from 'csv-parse'
import type { CsvError, Options } from 'csv-parse'

import { StudioFailure } from '../../shared/transport/envelope'

/** One parsed CSV record; row 0 is the header, data rows count from 1. */
export type CsvRecord =
  | Readonly<{ row: number; cells: string[]; error?: undefined }>
  | Readonly<{ row: number; cells?: undefined; error: string }>

export type CsvReader = Readonly<{
  records: AsyncGenerator<CsvRecord>
  /** Bytes of the file read so far (compressed bytes for .gz) and the file's size. */
  bytesRead(): number
  totalBytes: number
}>

/** Longest record accepted: a 256x256 face is about 260 KB of text. */
const MAX_RECORD_BYTES = 4 * 1024 * 1024
const READ_CHUNK = 1 << 20

/**
 * Streams a CSV file (plain or gzipped) through csv-parse, in constant memory. Records the parser
 * cannot read (a broken quote, an over-long record) come as `{ row, error }` when `skipBad`, so row
 * numbers stay aligned with the file; otherwise they end the stream with an INVALID_INPUT failure
 * that names the file and line.
 */
export function openCsvRecords(
  file: string,
  options: Readonly<{ isGzip: boolean; skipBad: boolean }>,
): CsvReader {
  const totalBytes = fs.statSync(file).size
  let bytes = 0
  const input = fs.createReadStream(file, { highWaterMark: READ_CHUNK })
  input.on('data', (chunk) => {
    bytes += chunk.length
  })
  let nextRow = 0
  // Skipped records are reported by csv-parse synchronously, in file order, while good records
  // wait in the stream's buffer: both take their row number here so the numbering stays true.
  const skipped: CsvRecord[] = []
  const parserOptions: Options<{ row: number; cells: string[] }, string[]> = {
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_BYTES,
    skip_records_with_error: options.skipBad,
    on_record: (record: string[]) => ({ row: nextRow++, cells: record }),
    on_skip: (err: CsvError | undefined) => {
      skipped.push({
        row: nextRow++,
        error: `not valid CSV: ${err?.message ?? 'unreadable record'}`,
      })
      return undefined
    },
  }
  const parser = parse(parserOptions as unknown as Options)
  const stages: NodeJS.ReadWriteStream[] = options.isGzip
    ? [zlib.createGunzip({ chunkSize: READ_CHUNK })]
    : []
  // pipeline() destroys every stage when one fails, so a gzip error reaches the parser's iterator.
  pipeline(
    [input, ...stages, parser] as unknown as [NodeJS.ReadableStream, NodeJS.WritableStream],
    () => {},
  )

  async function* records(): AsyncGenerator<CsvRecord> {
    try {
      for await (const record of parser as AsyncIterable<{ row: number; cells: string[] }>) {
        while (skipped.length > 0 && (skipped[0]?.row ?? Infinity) < record.row)
          yield skipped.shift()!
        yield record
      }
      yield* skipped.splice(0)
    } catch (err) {
      throw toCsvFailure(file, err)
    } finally {
      input.destroy()
    }
  }

  return { records: records(), bytesRead: () => bytes, totalBytes }
}

function toCsvFailure(file: string, err: unknown): unknown {
  if (err instanceof StudioFailure) return err
  const error = err as NodeJS.ErrnoException & { lines?: number }
  if (error.code === 'Z_BUF_ERROR' || error.code === 'Z_DATA_ERROR' || error.errno === -5) {
    return new StudioFailure(
      'INVALID_INPUT',
      `${file}: damaged or truncated gzip file (${error.message})`,
    )
  }
  if (typeof error.code === 'string' && error.code.startsWith('CSV_')) {
    const where = typeof error.lines === 'number' ? ` near line ${error.lines}` : ''
    return new StudioFailure('INVALID_INPUT', `${file}: not valid CSV${where}: ${error.message}`)
  }
  if (error.code === 'ENOENT') return new StudioFailure('NOT_FOUND', `${file} does not exist`)
  return err
}
