import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { writePrivateFile } from './privateFile'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'fer-private-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe.skipIf(process.platform === 'win32')('writePrivateFile', () => {
  it('creates the file readable by its owner only', async () => {
    const file = path.join(dir, 'url.txt')
    await writePrivateFile(file, 'http://127.0.0.1:1/?token=t\n')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(readFileSync(file, 'utf8')).toBe('http://127.0.0.1:1/?token=t\n')
  })

  it('narrows an existing file and replaces its content', async () => {
    const file = path.join(dir, 'url.txt')
    writeFileSync(file, 'an older and longer content', { mode: 0o644 })
    await writePrivateFile(file, 'new\n')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(readFileSync(file, 'utf8')).toBe('new\n')
  })
})
