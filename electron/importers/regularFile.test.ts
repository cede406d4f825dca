import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { openRegularFile, readImageFile } from './regularFile'
import { sniffFile } from './sniffFile'

let dir: string
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fer-regular-'))
})
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

describe('regular files only', () => {
  it('reads an image file and refuses one over the size cap', async () => {
    const file = path.join(dir, 'a.png')
    fs.writeFileSync(file, Buffer.alloc(1000, 7))
    expect(readImageFile(file).bytes?.length).toBe(1000)
    expect(readImageFile(file, 999)).toEqual({
      reason: 'file is 1000 bytes, over the 999 bytes limit for an image',
    })
    expect(readImageFile(path.join(dir, 'missing.png'))).toEqual({
      reason: 'does not exist',
    })
  })

  it('names a missing file NOT_FOUND', async () => {
    await expect(sniffFile(path.join(dir, 'nope.csv'))).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `${path.join(dir, 'nope.csv')} does not exist`,
    })
  })

  it.skipIf(process.platform === 'win32')(
    'refuses FIFOs and devices, also behind symlinks, without blocking or reading them',
    async () => {
      const fifo = path.join(dir, 'pipe.png')
      execFileSync('mkfifo', [fifo])
      const zero = path.join(dir, 'zero.png')
      fs.symlinkSync('/dev/zero', zero)
      expect(readImageFile(fifo)).toEqual({
        reason: 'not a regular file (it is a named pipe)',
      })
      expect(readImageFile(zero)).toEqual({ reason: 'not a regular file (it is a device)' })
      await expect(openRegularFile(fifo)).rejects.toMatchObject({ code: 'INVALID_INPUT' })
      await expect(sniffFile(zero)).rejects.toThrow(
        /zero\.png: not a regular file \(it is a device\)/,
      )
    },
  )
})
