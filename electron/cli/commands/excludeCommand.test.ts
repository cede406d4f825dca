import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { DatasetSummary } from '../../../shared/domain/dataset'
import type { CliIo } from '../cliIo'
import { runCli } from '../main'

let dir: string
let dataDir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fer-exclude-'))
  dataDir = path.join(dir, 'data')
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const io: CliIo = {
    out: (text) => (out += text),
    err: (text) => (err += text),
    progressStream: null,
    env: { HOME: dir },
  }
  const code = await runCli(['node', 'fer-studio', ...args, '--data-dir', dataDir], io)
  return { code, out, err }
}
const rows = (file: string): number => fs.readFileSync(file, 'utf8').trim().split('\n').length

describe('fer-studio exclude / include', () => {
  it('excludes three demo faces: stats counts them and the CSV export has three rows fewer', async () => {
    expect((await cli(['demo', '--name', 'demo'])).code).toBe(0)
    const before = path.join(dir, 'before.csv')
    expect((await cli(['export', 'demo', '--format', 'fer2013-csv', '--out', before])).code).toBe(0)

    const excluded = await cli(['exclude', '1', '2', '3', '--dataset', 'demo', '--reason', 'other'])
    expect(excluded).toMatchObject({ code: 0, out: 'Excluded 3 faces as excluded (other)\n' })
    const stats = await cli(['stats', 'demo', '--json'])
    const summary = JSON.parse(stats.out) as DatasetSummary
    expect(summary.excluded).toEqual({ total: 3, notAFace: 0, duplicate: 0, other: 3 })
    expect((await cli(['stats', 'demo'])).out).toMatch(/excluded .*: 3 faces/)

    const after = path.join(dir, 'after.csv')
    const exported = await cli(['export', 'demo', '--format', 'fer2013-csv', '--out', after])
    expect(exported.out).toMatch(/\(3 excluded faces left out\)/)
    expect(rows(after)).toBe(rows(before) - 3)

    const history = await cli(['history', '--face', '2'])
    expect(history.out).toMatch(/2\s+included\s+other\s+cli\s+set/)

    expect((await cli(['include', '2'])).out).toBe('Included 1 faces\n')
    const again = JSON.parse((await cli(['stats', 'demo', '--json'])).out) as DatasetSummary
    expect(again.excluded.total).toBe(2)
  })

  it('defaults to not-a-face, refuses a bad reason (exit 2) and faces outside --dataset', async () => {
    await cli(['demo', '--name', 'demo'])
    await cli(['demo', '--name', 'other'])
    expect((await cli(['exclude', '5'])).out).toBe('Excluded 1 faces as not a face / unusable\n')
    expect((await cli(['exclude', '5', '--reason', 'ugly'])).code).toBe(2)
    const stats = JSON.parse((await cli(['stats', 'other', '--json'])).out) as DatasetSummary
    const otherFace = String(stats.id === 1 ? 1 : stats.faceCount + 1)
    const outside = await cli(['exclude', otherFace, '--dataset', 'demo'])
    expect(outside.code).toBe(2)
    expect(outside.err).toMatch(/is not in dataset 'demo'/)
  })
})
