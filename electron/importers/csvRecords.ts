import fs from 'node:fs'
import zlib from 'node:zlib'

import { parse } from 'csv-parse/sync'

import { StudioFailure } from '../../shared/transport/envelope'
import { splitLines } from './lines'
import { openRegularFileSync } from './regularFile'

/**
 * One CSV record; row 0 is the header, data rows count from 1 (empty lines are not rows), and
 * `line` is the record's line in the file. A record that is not valid CSV comes with `error`.
 */
export type CsvRecord =
  | Readonly<{ row: number; line: number; cells: string[]; error?: undefined }>
  | Readonly<{ row: number; line: number; cells?: undefined; error: string }>

export type CsvReader = Readonly<{
  records: AsyncGenerator<CsvRecord>
  /** Bytes of the file read so far (compressed bytes for .gz) and the file's size. */
  bytesRead(): number
  totalBytes: number
}>

/** Longest record accepted: a 256x256 face is about 260 KB of text. */
export const MAX_RECORD_BYTES = 4 * 1024 * 1024
const READ_CHUNK = 1 << 20

/** csv-parse's error codes in words, without the cell's text (which could be anything). */
const CSV_ERRORS: Readonly<Record<string, string>> = {
  INVALID_OPENING_QUOTE: 'a quote inside an unquoted cell',
  CSV_QUOTE_NOT_CLOSED: 'a quote that is never closed',
  CSV_INVALID_CLOSING_QUOTE: 'text right after a closing quote',
}

/**
 * The cells of one line. Lines without a quote are split on commas; quoted ones go through
 * csv-parse. A record never spans lines in the formats we read (numbers, paths, labels), so one
 * line is one record, and a broken quote spoils only its own line.
 */
export function parseCsvLine(text: string): { cells: string[] } | { error: string } {
  if (!text.includes('"')) return { cells: text.split(',') }
  try {
    const records = parse(text, { relax_column_count: true }) as string[][]
    if (records.length !== 1 || records[0] === undefined) return { error: 'a record over lines' }
    return { cells: records[0] }
  } catch (err) {
    const code = (err as { code?: unknown }).code
    return { error: (typeof code === 'string' && CSV_ERRORS[code]) || 'unreadable quoting' }
  }
}

/**
 * Streams a CSV file (plain or gzipped) line by line, in constant memory. A record that is not
 * valid CSV (a stray or unclosed quote, a line over MAX_RECORD_BYTES) comes as `{ row, line,
 * error }` and the records after it are read as usual, so a caller can reject it alone and keep
 * counting rows true; whether it fails the whole file is the caller's choice. Only a regular file
 * is opened (a named pipe or a device is INVALID_INPUT); a damaged gzip stream is INVALID_INPUT.
 */
export function openCsvRecords(file: string, options: Readonly<{ isGzip: boolean }>): CsvReader {
  const { fd, size } = openRegularFileSync(file)
  let bytes = 0
  const input = fs.createReadStream(file, { fd, highWaterMark: READ_CHUNK })
  let chunks: AsyncIterable<Buffer>
  if (options.isGzip) {
    input.on('data', (chunk) => {
      bytes += chunk.length
    })
    const gunzip = zlib.createGunzip({ chunkSize: READ_CHUNK })
    input.on('error', (err) => gunzip.destroy(err))
    chunks = input.pipe(gunzip)
  } else {
    chunks = (async function* () {
      for await (const chunk of input as AsyncIterable<Buffer>) {
        bytes += chunk.length
        yield chunk
      }
    })()
  }

  async function* records(): AsyncGenerator<CsvRecord> {
    let row = 0
    try {
      for await (const line of splitLines(chunks, MAX_RECORD_BYTES)) {
        if (line.tooLong) {
          yield {
            row: row++,
            line: line.line,
            error: `not valid CSV (line ${line.line}): longer than ${MAX_RECORD_BYTES / 1024 / 1024} MB`,
          }
          continue
        }
        if (line.text === '') continue
        const parsed = parseCsvLine(line.text)
        yield 'cells' in parsed
          ? { row: row++, line: line.line, cells: parsed.cells }
          : {
              row: row++,
              line: line.line,
              error: `not valid CSV (line ${line.line}): ${parsed.error}`,
            }
      }
    } catch (err) {
      throw toReadFailure(file, err)
    } finally {
      input.destroy()
    }
  }

  return { records: records(), bytesRead: () => bytes, totalBytes: size }
}

function toReadFailure(file: string, err: unknown): unknown {
  if (err instanceof StudioFailure) return err
  const error = err as NodeJS.ErrnoException
  if (error.code === 'Z_BUF_ERROR' || error.code === 'Z_DATA_ERROR' || error.errno === -5) {
    return new StudioFailure(
      'INVALID_INPUT',
      `${file}: damaged or truncated gzip file (${error.message})`,
    )
  }
  return err
}
