import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { importDataset } from '../../importers/importDataset'
import { createTempStore, testFace, writeFer2013Csv } from '../../importers/storeFixtures.testUtil'
import type { TempStore } from '../../importers/storeFixtures.testUtil'
import { defaultPredictionRun } from './predictions'

let store: TempStore
let datasetId: number
beforeEach(async () => {
  store = createTempStore()
  const file = writeFer2013Csv(path.join(store.dir, 'fer.csv'), [{ label: 0, pixels: testFace(1) }])
  datasetId = (
    await importDataset({ db: store.db, dataDir: store.dir }, { path: file, name: 'fer' })
  ).datasetId
})
afterEach(() => store.cleanup())

/** A run with a prediction for face 1 unless `predicted` is false. */
function addRun(status: string, best: number | null, predicted = true): number {
  const id = Number(
    store.db
      .prepare(
        `INSERT INTO runs (dataset_id, name, status, config, created_at, best_val_accuracy)
         VALUES (?, 'run', ?, '{}', 0, ?)`,
      )
      .run(datasetId, status, best).lastInsertRowid,
  )
  if (predicted)
    store.db
      .prepare(
        `INSERT INTO predictions (run_id, face_id, predicted, confidence, p0, p1, p2, p3, p4, p5, p6)
         VALUES (?, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0)`,
      )
      .run(id)
  return id
}

describe('defaultPredictionRun', () => {
  it('is the best completed run with predictions, not the latest', () => {
    expect(defaultPredictionRun(store.db, datasetId)).toBe(null)
    const best = addRun('completed', 0.61)
    addRun('completed', 0.42)
    addRun('completed', null)
    addRun('completed', 0.9, false)
    addRun('paused', 0.95)
    expect(defaultPredictionRun(store.db, datasetId)).toBe(best)
    const tie = addRun('completed', 0.61)
    expect(defaultPredictionRun(store.db, datasetId)).toBe(tie)
  })
})
