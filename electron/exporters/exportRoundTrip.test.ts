import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { DatasetId } from '../../shared/domain/ids'
import { importDataset } from '../importers/importDataset'
import {
  createTempStore,
  faceTriples,
  testFace,
  writeFaceImage,
  writeFer2013Csv,
} from '../importers/storeFixtures.testUtil'
import type { TempStore } from '../importers/storeFixtures.testUtil'
import { exportFer2013Csv } from './exportFer2013Csv'
import { exportFolder } from './exportFolder'

let store: TempStore
/** Exports go here: never inside the store's data folder, which refuses them. */
let outDir: string
beforeEach(() => {
  store = createTempStore()
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fer-export-'))
})
afterEach(() => {
  store.cleanup()
  fs.rmSync(outDir, { recursive: true, force: true })
})

const target = (): { dataDir: string; overwrite: boolean } => ({
  dataDir: store.dir,
  overwrite: false,
})

const deps = (): { db: TempStore['db']; dataDir: string } => ({ db: store.db, dataDir: store.dir })

/** A small dataset over all three splits, with a duplicate pair and a relabeled face. */
async function seedDataset(): Promise<DatasetId> {
  const file = writeFer2013Csv(path.join(store.dir, 'src.csv'), [
    { label: 0, pixels: testFace(1), usage: 'Training' },
    { label: 1, pixels: testFace(2), usage: 'Training' },
    { label: 3, pixels: testFace(3), usage: 'PublicTest' },
    { label: 3, pixels: testFace(3), usage: 'PrivateTest' },
    { label: 6, pixels: new Uint8Array(48 * 48).fill(0), usage: 'PrivateTest' },
  ])
  const { datasetId } = await importDataset(deps(), { path: file, name: 'src' })
  // Exports carry current labels, not original ones.
  store.db
    .prepare('UPDATE faces SET label = 4 WHERE dataset_id = ? AND source_row = 2')
    .run(datasetId)
  return datasetId
}

describe('import -> export -> import', () => {
  it('gives the same faces, labels and splits through a FER2013 CSV (plain and gzipped)', async () => {
    const source = await seedDataset()
    for (const name of ['out.csv', 'out.csv.gz']) {
      const out = path.join(outDir, 'exports', name)
      const result = await exportFer2013Csv(store.db, source, out, target())
      expect(result).toEqual({ path: out, faces: 5, excluded: 0 })
      const again = await importDataset(deps(), { path: out, name: `again ${name}` })
      expect(faceTriples(store.db, again.datasetId)).toEqual(faceTriples(store.db, source))
      expect(again.duplicates).toMatchObject({ groups: 1, crossSplitGroups: 1, blankFaces: 1 })
    }
    const text = fs.readFileSync(path.join(outDir, 'exports', 'out.csv'), 'utf8').split('\n')
    expect(text[0]).toBe('emotion,pixels,Usage')
    expect(text[2]).toMatch(/^4,\d+( \d+){2303},Training$/)
    expect(text[5]).toMatch(/,PrivateTest$/)
    expect(fs.readdirSync(path.join(outDir, 'exports')).sort()).toEqual(['out.csv', 'out.csv.gz'])
  })

  it('gives the same faces, labels and splits through a folder per class', async () => {
    const source = await seedDataset()
    const out = path.join(outDir, 'folder-out')
    const result = await exportFolder(store.db, source, out, target())
    expect(result.faces).toBe(5)
    expect(fs.readdirSync(out).sort()).toEqual(['PrivateTest', 'PublicTest', 'Training'])
    expect(fs.readdirSync(path.join(out, 'Training')).sort()).toEqual(['angry', 'sad'])
    expect(fs.readdirSync(path.join(out, 'Training', 'sad'))).toEqual(['2.png'])
    const again = await importDataset(deps(), { path: out, name: 'again' })
    expect(faceTriples(store.db, again.datasetId)).toEqual(faceTriples(store.db, source))
  })

  it('round-trips a folder import the same way', async () => {
    const root = path.join(store.dir, 'in')
    await writeFaceImage(path.join(root, 'train', 'happy', 'a.png'), testFace(10))
    await writeFaceImage(path.join(root, 'train', 'fear', 'b.jpg'), testFace(11), {
      outputSize: 80,
      colour: true,
    })
    await writeFaceImage(path.join(root, 'val', 'neutral', 'c.png'), testFace(12))
    const first = await importDataset(deps(), { path: root, name: 'first' })
    const out = path.join(outDir, 'out')
    await exportFolder(store.db, first.datasetId, out, target())
    const second = await importDataset(deps(), { path: out, name: 'second' })
    expect(faceTriples(store.db, second.datasetId)).toEqual(faceTriples(store.db, first.datasetId))
  })

  it('refuses a non-empty output folder and leaves no partial output on failure', async () => {
    const source = await seedDataset()
    const out = path.join(outDir, 'busy')
    fs.mkdirSync(out)
    fs.writeFileSync(path.join(out, 'keep.txt'), 'mine')
    await expect(exportFolder(store.db, source, out, target())).rejects.toMatchObject({
      code: 'CONFLICT',
    })
    // Not even with overwrite: a folder export never removes what is in a folder.
    await expect(
      exportFolder(store.db, source, out, { ...target(), overwrite: true }),
    ).rejects.toMatchObject({ code: 'CONFLICT' })
    expect(fs.readdirSync(out)).toEqual(['keep.txt'])
    await expect(exportFer2013Csv(store.db, source, out, target())).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    })
    await expect(
      exportFer2013Csv(store.db, 77 as DatasetId, path.join(outDir, 'x.csv'), target()),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(fs.readdirSync(outDir).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })
})
