import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { DatasetId } from '../../shared/domain/ids'
import { importDataset } from '../importers/importDataset'
import {
  createTempStore,
  storeFingerprint,
  testFace,
  writeFer2013Csv,
} from '../importers/storeFixtures.testUtil'
import type { TempStore } from '../importers/storeFixtures.testUtil'
import { exportFer2013Csv } from './exportFer2013Csv'
import { exportFolder } from './exportFolder'

let store: TempStore
let outDir: string
let datasetId: DatasetId
beforeEach(async () => {
  store = createTempStore()
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fer-export-target-'))
  const file = writeFer2013Csv(path.join(outDir, 'src.csv'), [
    { label: 0, pixels: testFace(1) },
    { label: 5, pixels: testFace(2), usage: 'PublicTest' },
  ])
  datasetId = (
    await importDataset({ db: store.db, dataDir: store.dir }, { path: file, name: 'src' })
  ).datasetId
})
afterEach(() => {
  store.cleanup()
  fs.rmSync(outDir, { recursive: true, force: true })
})

const options = (overwrite = false): { dataDir: string; overwrite: boolean } => ({
  dataDir: store.dir,
  overwrite,
})
const leftovers = (dir: string): string[] =>
  fs.readdirSync(dir).filter((name) => name.endsWith('.tmp'))

describe('export targets', () => {
  it('refuses an existing file unless asked to overwrite, leaving it unchanged', async () => {
    const out = path.join(outDir, 'mine.csv')
    fs.writeFileSync(out, 'my own notes\n')
    const refused = await exportFer2013Csv(store.db, datasetId, out, options()).catch(
      (e: unknown) => e,
    )
    expect(refused).toMatchObject({ code: 'CONFLICT' })
    expect((refused as Error).message).toMatch(/mine\.csv already exists.*--overwrite/)
    expect(fs.readFileSync(out, 'utf8')).toBe('my own notes\n')
    expect(leftovers(outDir)).toEqual([])

    const replaced = await exportFer2013Csv(store.db, datasetId, out, options(true))
    expect(replaced).toEqual({ path: out, faces: 2, excluded: 0 })
    expect(fs.readFileSync(out, 'utf8')).toMatch(/^emotion,pixels,Usage\n0,/)
    expect(leftovers(outDir)).toEqual([])
  })

  it('refuses any target inside the data folder, the store itself and through symlinks too', async () => {
    const db = path.join(store.dir, 'studio.db')
    const before = fs.readFileSync(db)
    const fingerprint = storeFingerprint(store.db)
    const link = path.join(outDir, 'link-to-data')
    fs.symlinkSync(store.dir, link)
    for (const out of [
      db,
      path.join(store.dir, 'new.csv'),
      path.join(store.dir, 'sub', 'deeper', 'x.csv'),
      path.join(link, 'studio.db'),
    ]) {
      for (const overwrite of [false, true]) {
        await expect(
          exportFer2013Csv(store.db, datasetId, out, options(overwrite)),
          out,
        ).rejects.toMatchObject({
          code: 'INVALID_INPUT',
          message: expect.stringMatching(/inside the studio's data folder/) as string,
        })
      }
    }
    await expect(
      exportFolder(store.db, datasetId, path.join(store.dir, 'faces'), options(true)),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    await expect(exportFolder(store.db, datasetId, store.dir, options(true))).rejects.toMatchObject(
      { code: 'INVALID_INPUT' },
    )
    expect(fs.readFileSync(db).equals(before)).toBe(true)
    expect(storeFingerprint(store.db)).toEqual(fingerprint)
    expect(fs.existsSync(path.join(store.dir, 'new.csv'))).toBe(false)
    expect(fs.existsSync(path.join(store.dir, 'sub'))).toBe(false)
    expect(leftovers(store.dir)).toEqual([])
  })

  it('takes only absolute paths', async () => {
    await expect(
      exportFer2013Csv(store.db, datasetId, 'relative.csv', options()),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: /absolute path/ })
    await expect(exportFolder(store.db, datasetId, 'out', options())).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    })
  })

  it('writes a folder export into a new or empty folder, refusing a file in its place', async () => {
    const empty = path.join(outDir, 'empty')
    fs.mkdirSync(empty)
    expect(await exportFolder(store.db, datasetId, empty, options())).toEqual({
      path: empty,
      faces: 2,
      excluded: 0,
    })
    expect(fs.readdirSync(empty).sort()).toEqual(['PublicTest', 'Training'])
    const file = path.join(outDir, 'file')
    fs.writeFileSync(file, 'x')
    await expect(exportFolder(store.db, datasetId, file, options(true))).rejects.toMatchObject({
      code: 'CONFLICT',
    })
    expect(fs.readFileSync(file, 'utf8')).toBe('x')
    expect(leftovers(outDir)).toEqual([])
  })

  it.skipIf(process.platform === 'win32')(
    'never replaces a named pipe, even with overwrite',
    async () => {
      const fifo = path.join(outDir, 'pipe.csv')
      execFileSync('mkfifo', [fifo])
      await expect(
        exportFer2013Csv(store.db, datasetId, fifo, options(true)),
      ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: /not a regular file/ })
      expect(fs.lstatSync(fifo).isFIFO()).toBe(true)
      expect(leftovers(outDir)).toEqual([])
    },
  )
})
