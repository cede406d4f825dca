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

  it('refuses a file one row short or long, even where Usage cannot tell, and changes nothing', async () => {
    const all = writeFer2013Csv(
      path.join(store.dir, 'train.csv'),
      [1, 2, 3, 4].map((seed) => ({ label: 3, pixels: testFace(seed + 10) })),
    )
    const train = await importDataset(
      { db: store.db, dataDir: store.dir },
      { path: all, name: 'train' },
    )
    const vote = (i: number): string => `Training,f${i}.png,${i},${10 - i},0,0,0,0,0,0,0,0`
    await attachFerPlus(store.db, train.datasetId, ferPlus([1, 2, 3, 4].map(vote)))
    const before = storeFingerprint(store.db)
    // Row 2 lost: faces 2..4 would take the votes of rows 3, 4 and none.
    await expect(
      attachFerPlus(store.db, train.datasetId, ferPlus([1, 3, 4].map(vote))),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(
        /fer2013new\.csv: 3 data rows, but the FER2013 file this dataset came from had 4: the files are not row-aligned/,
      ) as string,
    })
    await expect(
      attachFerPlus(store.db, train.datasetId, ferPlus([1, 2, 3, 4, 5].map(vote))),
    ).rejects.toThrow(/5 data rows, but .* had 4/)
    expect(storeFingerprint(store.db)).toEqual(before)
  })

  it('counts rejected rows of a --skip-bad import, so the votes still land on their own faces', async () => {
    const file = path.join(store.dir, 'gappy.csv')
    const px = (seed: number): string => Array.from(testFace(seed)).join(' ')
    fs.writeFileSync(
      file,
      `emotion,pixels,Usage\n0,${px(21)},Training\n9,${px(22)},Training\n4,${px(23)},Training\n`,
    )
    const gappy = await importDataset(
      { db: store.db, dataDir: store.dir },
      { path: file, name: 'gappy', skipBad: true },
    )
    expect(gappy.imported).toBe(2)
    const votes = ferPlus([
      'Training,a.png,10,0,0,0,0,0,0,0,0,0',
      'Training,b.png,0,10,0,0,0,0,0,0,0,0',
      'Training,c.png,0,0,0,10,0,0,0,0,0,0',
    ])
    expect(await attachFerPlus(store.db, gappy.datasetId, votes)).toEqual({
      attached: 2,
      withoutVotes: 0,
    })
    expect(
      store.db
        .prepare('SELECT source_row, ferplus_majority FROM faces WHERE dataset_id = ? ORDER BY id')
        .all(gappy.datasetId),
    ).toEqual([
      { source_row: 1, ferplus_majority: 6 },
      { source_row: 3, ferplus_majority: 4 },
    ])
  })

  it('refuses impossible counts naming the row, and empty, header-only and missing files, keeping the votes stored', async () => {
    await attachFerPlus(
      store.db,
      datasetId,
      ferPlus([
        'Training,a.png,10,0,0,0,0,0,0,0,0,0',
        'Training,b.png,0,10,0,0,0,0,0,0,0,0',
        'PublicTest,c.png,0,0,10,0,0,0,0,0,0,0',
      ]),
    )
    const before = storeFingerprint(store.db)
    const refusals: [string[], RegExp][] = [
      [
        ['Training,a.png,0,999,0,0,0,0,0,0,0,0', 'Training,b.png,1,0,0,0,0,0,0,0,0,0'],
        /fer2013new\.csv, row 1: happiness vote '999' is not a count 0\.\.10/,
      ],
      [
        ['Training,a.png,1,0,0,0,0,0,0,0,0,0', 'Training,b.png,0,0,11,0,0,0,0,0,0,0'],
        /row 2: surprise vote '11' is not a count 0\.\.10/,
      ],
      [
        ['Training,a.png,6,5,0,0,0,0,0,0,0,0'],
        /row 1: 11 votes in all; FER\+ has 10 annotators a face/,
      ],
      [['Training,a.png,1,0,-1,0,0,0,0,0,0,0'], /row 1: surprise vote '-1' is not a count/],
      [[], /fer2013new\.csv: no data rows, only a header/],
    ]
    for (const [lines, message] of refusals) {
      await expect(attachFerPlus(store.db, datasetId, ferPlus(lines))).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: expect.stringMatching(message) as string,
      })
    }
    const empty = path.join(store.dir, 'empty.csv')
    fs.writeFileSync(empty, '')
    await expect(attachFerPlus(store.db, datasetId, empty)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: `${empty}: the file is empty`,
    })
    const missing = path.join(store.dir, 'nowhere', 'fer2013new.csv')
    await expect(attachFerPlus(store.db, datasetId, missing)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `${missing} does not exist`,
    })
    expect(storeFingerprint(store.db)).toEqual(before)
  })

  it('checks a dataset imported before row counts were kept against its last face', async () => {
    store.db.prepare('UPDATE datasets SET source_rows = NULL WHERE id = ?').run(datasetId)
    const before = storeFingerprint(store.db)
    await expect(
      attachFerPlus(
        store.db,
        datasetId,
        ferPlus(['Training,a.png,1,0,0,0,0,0,0,0,0,0', 'Training,b.png,1,0,0,0,0,0,0,0,0,0']),
      ),
    ).rejects.toThrow(/2 data rows, but this dataset has faces from FER2013 row 3/)
    expect(storeFingerprint(store.db)).toEqual(before)
  })
})

describe('import with FER+ votes', () => {
  it('stores the faces and their votes in one commit, or neither', async () => {
    const file = writeFer2013Csv(path.join(store.dir, 'both.csv'), [
      { label: 0, pixels: testFace(31) },
      { label: 1, pixels: testFace(32), usage: 'PublicTest' },
    ])
    const before = storeFingerprint(store.db)
    const shifted = ferPlus(['Training,a.png,10,0,0,0,0,0,0,0,0,0'])
    const refused = await importDataset(
      { db: store.db, dataDir: store.dir },
      { path: file, name: 'both', ferPlus: shifted },
    ).catch((e: unknown) => e)
    expect(refused).toMatchObject({ code: 'INVALID_INPUT', message: /1 data rows, but .* had 2/ })
    expect(storeFingerprint(store.db)).toEqual(before)

    const votes = ferPlus([
      'Training,a.png,10,0,0,0,0,0,0,0,0,0',
      'PublicTest,b.png,0,0,0,0,0,10,0,0,0,0',
    ])
    const report = await importDataset(
      { db: store.db, dataDir: store.dir },
      { path: file, name: 'both', ferPlus: votes },
    )
    expect(report.ferPlus).toEqual({ attached: 2, withoutVotes: 0 })
    expect(
      store.db
        .prepare('SELECT ferplus_majority FROM faces WHERE dataset_id = ? ORDER BY id')
        .pluck()
        .all(report.datasetId),
    ).toEqual([6, 1])
    // Votes need a FER2013 CSV; anything else is refused before reading a face.
    const root = path.join(store.dir, 'folder')
    await writeFaceImage(path.join(root, 'happy', 'a.png'), testFace(9))
    await expect(
      importDataset(
        { db: store.db, dataDir: store.dir },
        { path: root, name: 'folder', ferPlus: votes },
      ),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: /imported as folder/ })
  })
})
