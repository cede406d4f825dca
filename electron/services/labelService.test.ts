import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { CallContext, EventName, EventPayload } from '../../shared/contract'
import type { DatasetId, FaceId } from '../../shared/domain/ids'
import { importDataset } from '../importers/importDataset'
import { createTempStore, testFace, writeFer2013Csv } from '../importers/storeFixtures.testUtil'
import type { TempStore } from '../importers/storeFixtures.testUtil'
import { createLabelHandlers } from './labelService'

const ctx: CallContext = { origin: 'test', log: () => {} }
let store: TempStore
let events: { event: EventName; payload: unknown }[]
let datasetId: DatasetId
let clock: number

beforeEach(async () => {
  store = createTempStore()
  events = []
  clock = 1_000
  const file = writeFer2013Csv(
    path.join(store.dir, 'fer.csv'),
    [0, 0, 3, 4].map((label, i) => ({ label, pixels: testFace(i + 1) })),
  )
  datasetId = (
    await importDataset({ db: store.db, dataDir: store.dir }, { path: file, name: 'fer' })
  ).datasetId
})
afterEach(() => store.cleanup())

const createHandlers = () =>
  createLabelHandlers({
    db: store.db,
    dataDir: store.dir,
    emit: <E extends EventName>(event: E, payload: EventPayload<E>) =>
      events.push({ event, payload }),
    log: () => {},
    now: () => clock++,
  })
const ids = (...values: number[]): FaceId[] => values as FaceId[]
const labelsNow = (): number[] =>
  store.db.prepare('SELECT label FROM faces ORDER BY id').pluck().all() as number[]

describe('label service', () => {
  it('sets labels in one batch, skips faces that already have the label, and records who/when/from/to', async () => {
    const labels = createHandlers()
    const result = await labels['labels.set'](
      { faceIds: ids(1, 2, 3), label: 'angry', actor: 'ada' },
      ctx,
    )
    // Faces 1 and 2 were already angry: only face 3 changes.
    expect(result).toEqual({
      changes: [{ faceId: 3, label: 'angry' }],
      exclusions: [],
      canUndo: true,
      canRedo: false,
    })
    expect(labelsNow()).toEqual([0, 0, 0, 4])
    const history = await labels['labels.history']({ datasetId, limit: 10 }, ctx)
    expect(history).toEqual([
      {
        id: 1,
        faceId: 3,
        from: 'happy',
        to: 'angry',
        actor: 'ada',
        at: 1000,
        batchId: 1,
        kind: 'set',
        source: 'manual',
      },
    ])
    expect(store.db.prepare('SELECT original_label FROM faces WHERE id = 3').pluck().get()).toBe(3)
    expect(events).toEqual([
      {
        event: 'labels.changed',
        payload: { datasetId, changes: [{ faceId: 3, label: 'angry' }], exclusions: [] },
      },
      { event: 'datasets.changed', payload: { datasetId } },
    ])
  })

  it('undoes and redoes steps in order, appending history rows of kind undo/redo with shared batches', async () => {
    const labels = createHandlers()
    await labels['labels.set']({ faceIds: ids(1, 2), label: 'sad', actor: 'ada' }, ctx)
    await labels['labels.set']({ faceIds: ids(2, 4), label: 'fear', actor: 'bob' }, ctx)
    expect(labelsNow()).toEqual([4, 2, 3, 2])

    expect(await labels['labels.undo']({ datasetId }, ctx)).toEqual({
      changes: [
        { faceId: 2, label: 'sad' },
        { faceId: 4, label: 'sad' },
      ],
      exclusions: [],
      canUndo: true,
      canRedo: true,
    })
    expect(labelsNow()).toEqual([4, 4, 3, 4])
    expect(await labels['labels.undoState']({ datasetId }, ctx)).toEqual({
      canUndo: true,
      canRedo: true,
    })
    await labels['labels.undo']({ datasetId }, ctx)
    expect(labelsNow()).toEqual([0, 0, 3, 4])
    expect(await labels['labels.undoState']({ datasetId }, ctx)).toEqual({
      canUndo: false,
      canRedo: true,
    })
    expect(await labels['labels.undo']({ datasetId }, ctx)).toEqual({
      changes: [],
      exclusions: [],
      canUndo: false,
      canRedo: true,
    })

    const redo = await labels['labels.redo']({ datasetId }, ctx)
    expect(redo.changes).toEqual([
      { faceId: 1, label: 'sad' },
      { faceId: 2, label: 'sad' },
    ])
    expect(labelsNow()).toEqual([4, 4, 3, 4])

    const history = await labels['labels.history']({ datasetId, limit: 100 }, ctx)
    expect(history.map((c) => [c.kind, c.batchId, c.faceId, c.from, c.to, c.actor])).toEqual([
      ['redo', 5, 2, 'angry', 'sad', 'ada'],
      ['redo', 5, 1, 'angry', 'sad', 'ada'],
      ['undo', 4, 2, 'sad', 'angry', 'ada'],
      ['undo', 4, 1, 'sad', 'angry', 'ada'],
      ['undo', 3, 4, 'fear', 'sad', 'bob'],
      ['undo', 3, 2, 'fear', 'sad', 'bob'],
      ['set', 2, 4, 'sad', 'fear', 'bob'],
      ['set', 2, 2, 'sad', 'fear', 'bob'],
      ['set', 1, 2, 'angry', 'sad', 'ada'],
      ['set', 1, 1, 'angry', 'sad', 'ada'],
    ])
    const ofFace = await labels['labels.history']({ faceId: 4 as FaceId, limit: 1 }, ctx)
    expect(ofFace.map((c) => c.kind)).toEqual(['undo'])
  })

  it('a new step clears the redo stack', async () => {
    const labels = createHandlers()
    await labels['labels.set']({ faceIds: ids(1), label: 'happy', actor: 'a' }, ctx)
    await labels['labels.undo']({ datasetId }, ctx)
    const result = await labels['labels.set']({ faceIds: ids(2), label: 'happy', actor: 'a' }, ctx)
    expect(result.canRedo).toBe(false)
    expect(await labels['labels.redo']({ datasetId }, ctx)).toEqual({
      changes: [],
      exclusions: [],
      canUndo: true,
      canRedo: false,
    })
  })

  it('refuses unknown faces and mixed datasets, and needs a face or dataset for history', async () => {
    const labels = createHandlers()
    await expect(
      labels['labels.set']({ faceIds: ids(1, 99), label: 'sad', actor: 'a' }, ctx),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Face 99 does not exist',
    })
    const other = writeFer2013Csv(path.join(store.dir, 'other.csv'), [
      { label: 1, pixels: testFace(50) },
    ])
    await importDataset({ db: store.db, dataDir: store.dir }, { path: other, name: 'other' })
    await expect(
      labels['labels.set']({ faceIds: ids(1, 5), label: 'sad', actor: 'a' }, ctx),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    })
    await expect(labels['labels.history']({ limit: 5 }, ctx)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    })
    await expect(labels['labels.undo']({ datasetId: 42 as DatasetId }, ctx)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
    expect(labelsNow()).toEqual([0, 0, 3, 4, 1])
  })
})
