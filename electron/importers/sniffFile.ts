import zlib from 'node:zlib'

import { openRegularFile } from './regularFile'

/** What the first bytes of a file say about it. */
export type FileSniff = Readonly<{
  isGzip: boolean
  /** The first bytes of the (decompressed) content. */
  head: Buffer
  /** A name for binary content we recognise, or 'binary data', or null for text. */
  binaryKind: string | null
}>

const HEAD_BYTES = 64 * 1024

const MAGIC: ReadonlyArray<readonly [string, number[]]> = [
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['a ZIP archive', [0x50, 0x4b, 0x03, 0x04]],
  ['a PDF document', [0x25, 0x50, 0x44, 0x46]],
  ['a SQLite database', [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65]],
]

/**
 * Reads the start of a file (through gzip when it is gzipped) to tell text from binary. Only a
 * regular file is read: a named pipe or a device is INVALID_INPUT, a missing file NOT_FOUND.
 */
export async function sniffFile(file: string): Promise<FileSniff> {
  const { handle } = await openRegularFile(file)
  let raw: Buffer
  try {
    const buffer = Buffer.alloc(HEAD_BYTES)
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0)
    raw = buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
  const isGzip = raw[0] === 0x1f && raw[1] === 0x8b
  let head = raw
  if (isGzip) {
    try {
      // A prefix of a gzip stream: flush what it decodes to instead of failing at its cut end.
      head = zlib
        .gunzipSync(raw, { finishFlush: zlib.constants.Z_SYNC_FLUSH })
        .subarray(0, HEAD_BYTES)
    } catch {
      return { isGzip, head: Buffer.alloc(0), binaryKind: 'a damaged gzip file' }
    }
  }
  return { isGzip, head, binaryKind: binaryKindOf(head) }
}

function binaryKindOf(head: Buffer): string | null {
  for (const [name, magic] of MAGIC) {
    if (magic.every((byte, i) => head[i] === byte)) return name
  }
  // Text has no NUL bytes and few control characters other than tab, CR and LF.
  let control = 0
  for (const byte of head) {
    if (byte === 0) return 'binary data'
    if (byte < 9 || (byte > 13 && byte < 32)) control++
  }
  return control > head.length / 100 ? 'binary data' : null
}

/** The cells of the first line, split on commas (headers of the formats we read are never quoted). */
export function headerCells(head: Buffer): string[] {
  return (
    head
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/, 1)[0] ?? ''
  ).split(',')
}
