import fs from 'node:fs'
import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { DatasetId } from '../../shared/domain/ids'
import { attachFerPlus } from './attachFerPlus'
import { importDataset } from './importDataset'
import {
  createTempStore,
  storeFingerprint,
  testFace,
  writeFaceImage,
  writeFer2013Csv,
} from './storeFixtures.testUtil'
import type { TempStore } from './storeFixtures.testUtil'

let store: TempStore
let datasetId: DatasetId
const HEADER =
  'Usage,Image name,neutral,happiness,surprise,sadness,anger,disgust,fear,contempt,unknown,NF'

beforeEach(async () => {
  store = createTempStore()
  const file = writeFer2013Csv(path.join(store.dir, 'fer.csv'), [
    { label: 0, pixels: testFace(1), usage: 'Training' },
    { label: 3, pixels: testFace(2), usage: 'Training' },
    { label: 6, pixels: testFace(3), usage: 'PublicTest' },
  ])
  datasetId = (
    await importDataset({ db: store.db, dataDir: store.dir }, { path: file, name: 'fer' })
  ).datasetId
})
afterEach(() => store.cleanup())

const ferPlus = (lines: string[]): string => {
  const file = path.join(store.dir, 'fer2013new.csv')
  fs.writeFileSync(file, [HEADER, ...lines].join('\n') + '\n')
  return file
}

describe('attachFerPlus', () => {
  it('attaches votes row by row, with the FER+ majority; rows with no image name get none', async () => {
    const file = ferPlus([
      'Training,fer0000000.png,4,0,0,1,3,2,0,0,0,0',
      'Training,,0,0,0,0,0,0,0,0,0,10',
      'PublicTest,fer0000002.png,0,0,0,0,5,0,5,0,0,0',
    ])
    const result = await attachFerPlus(store.db, datasetId, file)
    expect(result).toEqual({ attached: 2, withoutVotes: 1 })
    const faces = store.db
      .prepare('SELECT ferplus_votes, ferplus_majority FROM faces ORDER BY id')
      .all()
    expect(faces).toEqual([
      { ferplus_votes: '[4,0,0,1,3,2,0,0,0,0]', ferplus_majority: 6 },
      { ferplus_votes: null, ferplus_majority: null },
      // A tie between anger and fear has no majority.
      { ferplus_votes: '[0,0,0,0,5,0,5,0,0,0]', ferplus_majority: null },
    ])
    expect(store.db.prepare('SELECT has_ferplus FROM datasets').pluck().get()).toBe(1)
  })

  it('refuses files that are not row-aligned (Usage differs from the split) and changes nothing', async () => {
    const file = ferPlus([
      'Training,a.png,1,0,0,0,0,0,0,0,0,0',
      'PublicTest,b.png,1,0,0,0,0,0,0,0,0,0',
      'PublicTest,c.png,1,0,0,0,0,0,0,0,0,0',
    ])
    const before = storeFingerprint(store.db)
    await expect(attachFerPlus(store.db, datasetId, file)).rejects.toThrow(
      /fer2013new\.csv, row 2: Usage says validation but face 2 from the same FER2013 row is in train: the files are not row-aligned/,
    )
    expect(storeFingerprint(store.db)).toEqual(before)
  })

  it('refuses a wrong header, a bad vote and a dataset not imported from the FER2013 CSV', async () => {
    const wrong = path.join(store.dir, 'wrong.csv')
    fs.writeFileSync(wrong, 'emotion,pixels,Usage\n0,1 2 3,Training\n')
    await expect(attachFerPlus(store.db, datasetId, wrong)).rejects.toThrow(
      /wrong\.csv: wrong header: a FER\+ file starts with Usage,Image name/,
    )
    const badVote = ferPlus(['Training,a.png,1,0,x,0,0,0,0,0,0,0'])
    await expect(attachFerPlus(store.db, datasetId, badVote)).rejects.toThrow(
      /row 1: surprise vote 'x' is not a count/,
    )

    const root = path.join(store.dir, 'folder')
    await writeFaceImage(path.join(root, 'happy', 'a.png'), testFace(9))
    const folder = await importDataset(
      { db: store.db, dataDir: store.dir },
      { path: root, name: 'folder' },
    )
    await expect(attachFerPlus(store.db, folder.datasetId, badVote)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    })
    await expect(attachFerPlus(store.db, 999 as DatasetId, badVote)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
  })
})
