import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { StudioFailure } from '../../../shared/transport/envelope'

import { indicesOfSplit, readDatasetSnapshot, writeDatasetSnapshot } from './snapshot'
import { createTempStore, FACE_SIZE, seedDataset } from '../main/trainerFixtures.testUtil'

describe('dataset snapshot', () => {
  let store: ReturnType<typeof createTempStore>
  beforeEach(() => {
    store = createTempStore()
  })
  afterEach(() => store.cleanup())

  it('writes the faces, labels and splits as stored and reads them back', () => {
    const datasetId = seedDataset(store.db, { train: 2, validation: 1, test: 1 })
    const file = path.join(store.dir, 'snapshot.bin')
    const written = writeDatasetSnapshot(store.db, datasetId, file)
    const read = readDatasetSnapshot(file)
    expect(read.count).toBe(28)
    expect(read.faceSize).toBe(FACE_SIZE)
    expect(read.datasetId).toBe(datasetId)
    const rows = store.db
      .prepare<[], { id: number; label: number; split: string; pixels: Buffer }>(
        'SELECT id, label, split, pixels FROM faces ORDER BY id',
      )
      .all()
    expect(Array.from(read.faceIds)).toEqual(rows.map((r) => r.id))
    expect(Array.from(read.labels)).toEqual(rows.map((r) => r.label))
    expect(indicesOfSplit(read, 'validation').length).toBe(7)
    expect(indicesOfSplit(read, 'test').length).toBe(7)
    const area = FACE_SIZE * FACE_SIZE
    expect(Buffer.from(read.pixels.subarray(5 * area, 6 * area)).equals(rows[5]!.pixels)).toBe(true)
    expect(read.pixels).toEqual(written.pixels)
  })

  it('carries the FER+ votes of a dataset that has them (and none otherwise)', () => {
    const datasetId = seedDataset(store.db, { train: 1 })
    const file = path.join(store.dir, 'snapshot.bin')
    expect(writeDatasetSnapshot(store.db, datasetId, file).votes).toBeNull()
    expect(readDatasetSnapshot(file).votes).toBeNull()
    const ids = store.db.prepare<[], { id: number }>('SELECT id FROM faces ORDER BY id').all()
    const setVotes = store.db.prepare('UPDATE faces SET ferplus_votes = ? WHERE id = ?')
    setVotes.run(JSON.stringify([0, 8, 0, 0, 0, 0, 0, 1, 0, 1]), ids[2]!.id)
    store.db.prepare('UPDATE datasets SET has_ferplus = 1 WHERE id = ?').run(datasetId)
    writeDatasetSnapshot(store.db, datasetId, file)
    const read = readDatasetSnapshot(file)
    expect(read.votes!.length).toBe(7 * 10)
    expect(Array.from(read.votes!.subarray(20, 30))).toEqual([0, 8, 0, 0, 0, 0, 0, 1, 0, 1])
    expect(Array.from(read.votes!.subarray(0, 10))).toEqual(new Array(10).fill(0))
    expect(read.pixels.length).toBe(7 * FACE_SIZE * FACE_SIZE)
  })

  it('can take only some splits', () => {
    const datasetId = seedDataset(store.db, { train: 2, validation: 1, test: 1 })
    const file = path.join(store.dir, 'test.bin')
    const snapshot = writeDatasetSnapshot(store.db, datasetId, file, { splits: ['test'] })
    expect(snapshot.count).toBe(7)
    expect(indicesOfSplit(snapshot, 'test').length).toBe(7)
  })

  it('sees one consistent state while labels change afterwards', () => {
    const datasetId = seedDataset(store.db, { train: 1 })
    const file = path.join(store.dir, 'snapshot.bin')
    writeDatasetSnapshot(store.db, datasetId, file)
    store.db.prepare('UPDATE faces SET label = 6').run()
    expect(Array.from(readDatasetSnapshot(file).labels)).toEqual([0, 1, 2, 3, 4, 5, 6])
  })

  it('refuses an unknown dataset and a damaged file, naming it', () => {
    expect(() => writeDatasetSnapshot(store.db, 99, path.join(store.dir, 'x.bin'))).toThrow(
      StudioFailure,
    )
    const datasetId = seedDataset(store.db, { train: 1 })
    const file = path.join(store.dir, 'snapshot.bin')
    writeDatasetSnapshot(store.db, datasetId, file)
    writeFileSync(file, readFileSync(file).subarray(0, 100))
    expect(() => readDatasetSnapshot(file)).toThrow(/snapshot\.bin: 100 bytes, expected/)
  })
})
