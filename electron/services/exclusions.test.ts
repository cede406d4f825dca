import fs from 'node:fs'
import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { CallContext, EventName, EventPayload } from '../../shared/contract'
import type { DatasetId, FaceId } from '../../shared/domain/ids'
import { getDataset, summarizeDataset } from '../db/queries/datasets'
import { queryFaceIds } from '../db/queries/faceQuery'
import { datasetFaceIds } from '../db/queries/faces'
import { exportFer2013Csv } from '../exporters/exportFer2013Csv'
import { importDataset } from '../importers/importDataset'
import { createTempStore, testFace, writeFer2013Csv } from '../importers/storeFixtures.testUtil'
import type { TempStore } from '../importers/storeFixtures.testUtil'
import { readDatasetFromDb } from '../training/common/snapshot'
import { createLabelHandlers } from './labelService'

const ctx: CallContext = { origin: 'test', log: () => {} }
let store: TempStore
let events: { event: EventName; payload: unknown }[]
let datasetId: DatasetId

beforeEach(async () => {
  store = createTempStore()
  events = []
  const file = writeFer2013Csv(
    path.join(store.dir, 'fer.csv'),
    [0, 0, 3, 4, 6].map((label, i) => ({
      label,
      pixels: testFace(i + 1),
      usage: i < 3 ? 'Training' : 'PublicTest',
    })),
  )
  datasetId = (
    await importDataset({ db: store.db, dataDir: store.dir }, { path: file, name: 'fer' })
  ).datasetId
})
afterEach(() => store.cleanup())

const handlers = () =>
  createLabelHandlers({
    db: store.db,
    dataDir: store.dir,
    emit: <E extends EventName>(event: E, payload: EventPayload<E>) =>
      events.push({ event, payload }),
    log: () => {},
  })
const ids = (...values: number[]): FaceId[] => values as FaceId[]
const excludedNow = (): (string | null)[] =>
  store.db.prepare('SELECT excluded FROM faces ORDER BY id').pluck().all() as (string | null)[]
const summary = () => summarizeDataset(store.db, getDataset(store.db, datasetId)!)

describe('excluding faces', () => {
  it('excludes with a reason as one step, in the history, and undo/redo bring it back', async () => {
    const labels = handlers()
    const result = await labels['labels.exclude'](
      { faceIds: ids(1, 3), reason: 'not-a-face', actor: 'ada' },
      ctx,
    )
    expect(result).toEqual({
      changes: [],
      exclusions: [
        { faceId: 1, excluded: 'not-a-face' },
        { faceId: 3, excluded: 'not-a-face' },
      ],
      canUndo: true,
      canRedo: false,
    })
    expect(excludedNow()).toEqual(['not-a-face', null, 'not-a-face', null, null])
    expect(events.map((e) => e.event)).toEqual(['labels.changed', 'datasets.changed'])
    const history = await labels['labels.history']({ faceId: ids(1)[0]!, limit: 10 }, ctx)
    expect(history).toMatchObject([
      {
        from: 'angry',
        to: 'angry',
        actor: 'ada',
        kind: 'set',
        exclusion: { from: null, to: 'not-a-face' },
      },
    ])

    // Excluding again with the same reason changes nothing and is no step.
    const again = await labels['labels.exclude'](
      { faceIds: ids(1), reason: 'not-a-face', actor: 'ada' },
      ctx,
    )
    expect(again.exclusions).toEqual([])

    await labels['labels.set']({ faceIds: ids(2), label: 'sad', actor: 'ada' }, ctx)
    await labels['labels.undo']({ datasetId }, ctx)
    const undone = await labels['labels.undo']({ datasetId }, ctx)
    expect(undone.exclusions).toEqual([
      { faceId: 1, excluded: null },
      { faceId: 3, excluded: null },
    ])
    expect(excludedNow()).toEqual([null, null, null, null, null])
    await labels['labels.redo']({ datasetId }, ctx)
    expect(excludedNow()).toEqual(['not-a-face', null, 'not-a-face', null, null])

    // Including again is a step of its own, with the reason it replaces in the history.
    await labels['labels.exclude']({ faceIds: ids(3), reason: null, actor: 'ada' }, ctx)
    expect(excludedNow()).toEqual(['not-a-face', null, null, null, null])
    const [latest] = await labels['labels.history']({ datasetId, limit: 1 }, ctx)
    expect(latest?.exclusion).toEqual({ from: 'not-a-face', to: null })
  })

  it('leaves excluded faces out of counts, training snapshots and exports, and says how many', async () => {
    const labels = handlers()
    await labels['labels.exclude']({ faceIds: ids(1, 4), reason: 'other', actor: 'ada' }, ctx)
    await labels['labels.exclude']({ faceIds: ids(5), reason: 'duplicate', actor: 'ada' }, ctx)
    const s = summary()
    expect(s.faceCount).toBe(5)
    expect(s.excluded).toEqual({ total: 3, notAFace: 0, duplicate: 1, other: 2 })
    expect(s.counts.train).toEqual([1, 0, 0, 1, 0, 0, 0])
    expect(s.counts.validation).toEqual([0, 0, 0, 0, 0, 0, 0])

    const snapshot = readDatasetFromDb(store.db, datasetId)
    expect([...snapshot.faceIds]).toEqual([2, 3])
    // The augmentation preview picks its samples among included faces only.
    expect(datasetFaceIds(store.db, datasetId, null)).toEqual([2, 3])

    const out = path.join(store.dir, '..', `export-${process.pid}.csv`)
    try {
      const result = await exportFer2013Csv(store.db, datasetId, out, {
        dataDir: store.dir,
        overwrite: true,
      })
      expect(result).toEqual({ path: out, faces: 2, excluded: 3 })
      expect(fs.readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(3)
    } finally {
      fs.rmSync(out, { force: true })
    }

    const only = (exclusion: 'included' | 'excluded') =>
      queryFaceIds(store.db, datasetId, { exclusion }, 'id', null)
    expect(only('excluded')).toEqual([1, 4, 5])
    expect(only('included')).toEqual([2, 3])
    expect(queryFaceIds(store.db, datasetId, {}, 'id', null)).toHaveLength(5)
  })

  it('refuses unknown faces and faces of two datasets, changing nothing', async () => {
    const labels = handlers()
    await expect(
      labels['labels.exclude']({ faceIds: ids(1, 99), reason: 'other', actor: 'ada' }, ctx),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(excludedNow()).toEqual([null, null, null, null, null])
  })
})
