/** One line of a text file: its 1-based number in the file and its text, or why it was dropped. */
export type Line =
  | Readonly<{ line: number; text: string; tooLong?: undefined }>
  | Readonly<{ line: number; text?: undefined; tooLong: true }>

const LF = 0x0a
const CR = 0x0d

/**
 * Splits a stream of bytes into lines (LF, CRLF, or CR alone when the start of the file has no LF),
 * in constant memory: a line longer than `maxLineBytes` is not kept but reported as `tooLong` and
 * skipped up to its end, so the lines after it, and their numbers, stay true. A UTF-8 BOM at the
 * start is dropped.
 */
export async function* splitLines(
  chunks: AsyncIterable<Buffer>,
  maxLineBytes: number,
): AsyncGenerator<Line> {
  let delimiter: number | null = null
  let pending: Buffer[] = []
  let pendingBytes = 0
  let tooLong = false
  let line = 0

  const finish = (tail: Buffer): Line => {
    line++
    if (tooLong || pendingBytes + tail.length > maxLineBytes) {
      pending = []
      pendingBytes = 0
      tooLong = false
      return { line, tooLong: true }
    }
    let bytes = pending.length === 0 ? tail : Buffer.concat([...pending, tail])
    pending = []
    pendingBytes = 0
    if (delimiter === LF && bytes[bytes.length - 1] === CR) bytes = bytes.subarray(0, -1)
    let text = bytes.toString('utf8')
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    return { line, text }
  }

  for await (const chunk of chunks) {
    if (delimiter === null) delimiter = chunk.includes(LF) ? LF : chunk.includes(CR) ? CR : null
    let start = 0
    if (delimiter !== null) {
      for (
        let end = chunk.indexOf(delimiter, start);
        end >= 0;
        end = chunk.indexOf(delimiter, start)
      ) {
        yield finish(chunk.subarray(start, end))
        start = end + 1
      }
    }
    const rest = chunk.subarray(start)
    if (rest.length === 0) continue
    if (tooLong || pendingBytes + rest.length > maxLineBytes) {
      // Keep nothing more of an over-long line: only where it ends matters.
      tooLong = true
      pending = []
      pendingBytes = 0
    } else {
      // Copy: the stream may reuse its chunk's memory.
      pending.push(Buffer.from(rest))
      pendingBytes += rest.length
    }
  }
  if (pendingBytes > 0 || tooLong) yield finish(Buffer.alloc(0))
}
