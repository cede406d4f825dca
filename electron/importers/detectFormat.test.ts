import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { detectFormat } from './detectFormat'
import { testFace, writeFaceImage } from './storeFixtures.testUtil'

let dir: string
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fer-detect-'))
})
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

const write = (name: string, content: string | Buffer): string => {
  const file = path.join(dir, name)
  fs.writeFileSync(file, content)
  return file
}

describe('detectFormat', () => {
  it('recognises FER2013 CSVs (plain and gzipped), manifests and class folders', async () => {
    expect(await detectFormat(write('a.csv', 'emotion,pixels,Usage\n0,1 2,Training\n'))).toEqual({
      format: 'fer2013-csv',
      description: 'FER2013 CSV with Usage splits',
    })
    const gz = write('b.data', zlib.gzipSync('emotion,pixels\n0,1 2\n'))
    expect(await detectFormat(gz)).toEqual({
      format: 'fer2013-csv',
      description: 'FER2013 CSV (gzipped) without Usage (all train)',
    })
    expect(
      (await detectFormat(write('m.csv', 'path,label,split\na.png,happy,train\n'))).format,
    ).toBe('manifest')
    await writeFaceImage(path.join(dir, 'set', 'train', 'happy', 'a.png'), testFace(1))
    await writeFaceImage(path.join(dir, 'set', 'validation', 'Sadness', 'b.png'), testFace(2))
    expect(await detectFormat(path.join(dir, 'set'))).toEqual({
      format: 'folder',
      description:
        'folder per class: 2 files in 2 class folders in 2 split folders (train, validation)',
    })
  })

  it('says why a path is not importable', async () => {
    await expect(detectFormat(path.join(dir, 'missing.csv'))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
    await expect(
      detectFormat(
        write(
          'votes.csv',
          'Usage,Image name,neutral,happiness,surprise,sadness,anger,disgust,fear,contempt,unknown,NF\n',
        ),
      ),
    ).rejects.toThrow(/FER\+ votes file/)
    await expect(detectFormat(write('x.txt', 'hello,world\n'))).rejects.toThrow(
      /x\.txt: not a dataset file: its first line is not the header of a FER2013 CSV/,
    )
    const png = await writeFaceImage(path.join(dir, 'face.png'), testFace(3))
    await expect(detectFormat(png)).rejects.toThrow(/not a dataset file \(it is a PNG image\)/)
  })

  it('never quotes the file back: a secret first line stays out of the error', async () => {
    const secret = 'root:x:0:0:root:/root:/bin/bash'
    const file = write('passwd', `${secret}\ndaemon:x:1:1::/usr/sbin:/usr/sbin/nologin\n`)
    const error = (await detectFormat(file).catch((e: unknown) => e)) as Error
    expect(error).toMatchObject({ code: 'INVALID_INPUT' })
    expect(error.message).toContain(file)
    expect(error.message).not.toContain('root')
    expect(error.message).not.toContain('/bin/bash')
  })

  it.skipIf(process.platform === 'win32')(
    'refuses a named pipe and a device at once instead of blocking on them',
    async () => {
      const fifo = path.join(dir, 'pipe.csv')
      execFileSync('mkfifo', [fifo])
      await expect(detectFormat(fifo)).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: `${fifo}: not a regular file or folder (it is a named pipe)`,
      })
      await expect(detectFormat('/dev/zero')).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: '/dev/zero: not a regular file or folder (it is a device)',
      })
      // A symlink is followed to what it points at.
      const link = path.join(dir, 'zero.csv')
      fs.symlinkSync('/dev/zero', link)
      await expect(detectFormat(link)).rejects.toThrow(/it is a device/)
    },
  )
})
