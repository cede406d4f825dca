import { describe, expect, it } from 'vitest'

import { parseCsvLine } from './csvRecords'
import { splitLines } from './lines'
import type { Line } from './lines'

async function lines(chunks: readonly (string | Buffer)[], max = 1000): Promise<Line[]> {
  async function* source(): AsyncGenerator<Buffer> {
    for (const chunk of chunks) yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)
  }
  const out: Line[] = []
  for await (const line of splitLines(source(), max)) out.push(line)
  return out
}

describe('splitLines', () => {
  it('splits LF, CRLF and CR-only text across chunk boundaries, numbering every line', async () => {
    expect(await lines(['\uFEFFa,b\nc', ',d\n\ne,f'])).toEqual([
      { line: 1, text: 'a,b' },
      { line: 2, text: 'c,d' },
      { line: 3, text: '' },
      { line: 4, text: 'e,f' },
    ])
    expect(await lines(['a\r\nb\r', '\nc\r\n'])).toEqual([
      { line: 1, text: 'a' },
      { line: 2, text: 'b' },
      { line: 3, text: 'c' },
    ])
    expect(await lines(['a\rb\r'])).toEqual([
      { line: 1, text: 'a' },
      { line: 2, text: 'b' },
    ])
  })

  it('keeps a multi-byte character cut between chunks whole', async () => {
    const bytes = Buffer.from('é,ü\n')
    expect(await lines([bytes.subarray(0, 1), bytes.subarray(1)])).toEqual([
      { line: 1, text: 'é,ü' },
    ])
  })

  it('drops an over-long line, in memory it never holds, and goes on after it', async () => {
    const long = 'x'.repeat(40)
    expect(await lines(['ok\n', long, long, '\nnext\n', long], 50)).toEqual([
      { line: 1, text: 'ok' },
      { line: 2, tooLong: true },
      { line: 3, text: 'next' },
      { line: 4, text: long },
    ])
    expect(await lines([`${long}${long}\nend`], 50)).toEqual([
      { line: 1, tooLong: true },
      { line: 2, text: 'end' },
    ])
  })
})

describe('parseCsvLine', () => {
  it('splits plain lines, unquotes quoted cells and names broken quoting without the cell text', () => {
    expect(parseCsvLine('0,1 2 3,Training')).toEqual({ cells: ['0', '1 2 3', 'Training'] })
    expect(parseCsvLine('a,"b,c",""')).toEqual({ cells: ['a', 'b,c', ''] })
    expect(parseCsvLine('3,1 2"3 4,Training')).toEqual({
      error: 'a quote inside an unquoted cell',
    })
    expect(parseCsvLine('0,"secret,Training')).toEqual({ error: 'a quote that is never closed' })
    expect(parseCsvLine('"a"x,b')).toEqual({ error: 'text right after a closing quote' })
  })
})
