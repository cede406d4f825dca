import fs from 'node:fs'
import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { CallContext, EventName, EventPayload } from '../../shared/contract'
import type { DatasetId, FaceId } from '../../shared/domain/ids'
import type { StudioDb } from '../db/openDatabase'
import { storeFingerprint, testFace, writeFer2013Csv } from '../importers/storeFixtures.testUtil'
import { createTempStore, seedDataset, testConfig } from '../training/main/trainerFixtures.testUtil'
import { createDatasetHandlers } from './datasetService'
import { createLabelHandlers } from './labelService'
import { guardStorage } from './storageGuard'
import { createTrainingService } from './trainingService'

const ctx: CallContext = { origin: 'test', log: () => undefined }
let store: ReturnType<typeof createTempStore>
let datasetId: DatasetId
beforeEach(() => {
  store = createTempStore()
  datasetId = seedDataset(store.db, { train: 2, validation: 1 }) as DatasetId
})
afterEach(() => store.cleanup())

/**
 * Makes the store full, as a full disk would: no page more (SQLite's max_page_count), and rows
 * like the ones the test writes appended until they no longer fit, so the next one needs a page.
 */
function fillStore(db: StudioDb, insertRow: string, ...params: unknown[]): void {
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`)
  const insert = db.prepare(insertRow)
  for (let i = 0; i < 1_000_000; i++) {
    try {
      insert.run(...params)
    } catch (err) {
      if ((err as { code?: unknown }).code === 'SQLITE_FULL') return
      throw err
    }
  }
  throw new Error('the store never filled up')
}

describe('a full store behind the handlers', () => {
  it('fails a relabel with DISK_FULL and keeps the labels and history as they were', async () => {
    const labels = guardStorage(
      createLabelHandlers({
        db: store.db,
        dataDir: store.dir,
        emit: () => undefined,
        log: () => {},
      }),
      store.dir,
    )
    fillStore(
      store.db,
      `INSERT INTO label_changes (dataset_id, face_id, batch_id, from_label, to_label, actor, at, kind)
       VALUES (?, 1, 0, 0, 0, 'filler', 0, 'set')`,
      datasetId,
    )
    const before = storeFingerprint(store.db)
    await expect(
      labels['labels.set']({ faceIds: [1, 2] as FaceId[], label: 'happy', actor: 'me' }, ctx),
    ).rejects.toMatchObject({ code: 'DISK_FULL', message: expect.stringMatching(/disk is full/) })
    expect(storeFingerprint(store.db)).toEqual(before)
  })

  it('ends a studio import into it with importFailed DISK_FULL, nothing stored, no staging left', async () => {
    const events: { event: EventName; payload: unknown }[] = []
    let ended: () => void = () => undefined
    const end = new Promise<void>((resolve) => (ended = resolve))
    const datasets = createDatasetHandlers({
      db: store.db,
      dataDir: store.dir,
      emit: <E extends EventName>(event: E, payload: EventPayload<E>) => {
        events.push({ event, payload })
        if (event === 'datasets.importFailed' || event === 'datasets.importFinished') ended()
      },
      log: () => undefined,
    })
    const file = writeFer2013Csv(
      path.join(store.dir, 'in.csv'),
      Array.from({ length: 200 }, (_, i) => ({ label: i % 7, pixels: testFace(i + 1) })),
    )
    store.db.pragma(`max_page_count = ${store.db.pragma('page_count', { simple: true }) as number}`)
    const before = storeFingerprint(store.db)
    await datasets['datasets.import']({ path: file, name: 'more', skipBad: false }, ctx)
    await end
    expect(events.at(-1)).toMatchObject({
      event: 'datasets.importFailed',
      payload: { error: { code: 'DISK_FULL', message: expect.stringMatching(/disk is full/) } },
    })
    expect(storeFingerprint(store.db)).toEqual(before)
    expect(fs.readdirSync(path.join(store.dir, 'tmp'))).toEqual([])
  })

  it('fails a training start with DISK_FULL and leaves no run and no run folder', async () => {
    const service = createTrainingService({
      db: store.db,
      dataDir: store.dir,
      emit: () => undefined,
      log: () => undefined,
      createHost: () => {
        throw new Error('no worker in this test')
      },
    })
    const training = guardStorage(service.handlers, store.dir)
    fillStore(
      store.db,
      `INSERT INTO runs (dataset_id, name, status, config, created_at) VALUES (?, 'old', 'completed', ?, 0)`,
      datasetId,
      JSON.stringify(testConfig()),
    )
    const before = storeFingerprint(store.db)
    await expect(
      training['training.start']({ datasetId, config: testConfig() }, ctx),
    ).rejects.toMatchObject({ code: 'DISK_FULL' })
    expect(storeFingerprint(store.db)).toEqual(before)
    expect(fs.readdirSync(path.join(store.dir, 'runs'))).toEqual([])
    await service.close()
  })
})
