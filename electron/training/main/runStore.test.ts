import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { BatchLogs } from '../../../shared/domain/training'
import { evaluationCellFaces, getEvaluation } from '../../db/queries/runEvaluations'

import { epochLogs } from '../worker/callbacks/context.testUtil'
import { createRunStore } from './runStore'
import { createTempStore, seedDataset, testConfig } from './trainerFixtures.testUtil'

function batchLogs(step: number): BatchLogs {
  return {
    epoch: 1,
    batch: step,
    batchesPerEpoch: 10_000,
    step,
    loss: 1,
    accuracy: 0,
    elapsedMs: 0,
    etaMs: null,
    facesPerSecond: 1,
  }
}

describe('runStore', () => {
  let temp: ReturnType<typeof createTempStore>
  let datasetId: number
  beforeEach(() => {
    temp = createTempStore()
    datasetId = seedDataset(temp.db, { validation: 1 })
  })
  afterEach(() => temp.cleanup())

  it('creates runs named after their model unless named, and tracks the best epoch', () => {
    const store = createRunStore(temp.db, () => 1000)
    const run = store.create({ datasetId, name: null, config: testConfig() })
    expect(run).toMatchObject({
      name: `tiny-cnn #${run.id}`,
      status: 'queued',
      createdAt: 1000,
      epochsDone: 0,
    })
    store.recordEpoch(run.id, { logs: epochLogs(1, 0.4), confusion: null })
    store.recordEpoch(run.id, { logs: epochLogs(2, 0.6), confusion: null })
    const after = store.recordEpoch(run.id, { logs: epochLogs(3, 0.6), confusion: null })
    expect(after).toMatchObject({ epochsDone: 3, bestEpoch: 2, bestValAccuracy: 0.6 })
    const rewound = store.rewindTo(run.id, 1, 10)
    expect(rewound.epochsDone).toBe(1)
    expect(store.detail(run.id).epochs.map((e) => e.logs.epoch)).toEqual([1])
  })

  it('thins batch points to at most MAX_BATCH_POINTS a run', () => {
    const store = createRunStore(temp.db)
    const run = store.create({ datasetId, name: 'x', config: testConfig() })
    const kept = Array.from({ length: 100 }, (_, i) =>
      store.recordBatch(run.id, batchLogs(i + 1), 20_000),
    ).filter(Boolean)
    // Stride 10 for 20,000 steps: steps 1, 11, 21, ... 91.
    expect(kept).toHaveLength(10)
    expect(
      store
        .detail(run.id)
        .batches.map((b) => b.step)
        .slice(0, 3),
    ).toEqual([1, 11, 21])
  })

  it('stores an evaluation with predictions, replacing earlier rows, skipping deleted faces', () => {
    const store = createRunStore(temp.db)
    const run = store.create({ datasetId, name: 'x', config: testConfig() })
    const ids = temp.db
      .prepare<[], { id: number }>('SELECT id FROM faces ORDER BY id')
      .all()
      .map((r) => r.id)
    const truth = Uint8Array.from([0, 1, 2, 3, 4, 5, 6])
    const probs = (predicted: number[]) => {
      const p = new Float32Array(7 * 7).fill(0.1)
      predicted.forEach((k, i) => (p[i * 7 + k] = 0.4))
      return p
    }
    const report = {
      runId: run.id,
      split: 'validation' as const,
      epoch: 2,
      faceIds: Int32Array.from(ids),
      truth,
      loss: 0.3,
    }
    store.recordEvaluation({ ...report, probabilities: probs([0, 0, 0, 0, 0, 0, 0]) })
    temp.db.prepare('DELETE FROM faces WHERE id = ?').run(ids[6]!)
    const result = store.recordEvaluation({
      ...report,
      probabilities: probs([0, 1, 2, 3, 4, 5, 5]),
    })
    expect(result.accuracy).toBeCloseTo(6 / 7, 10)
    expect(getEvaluation(temp.db, run.id, 'validation')).toEqual(result)
    const rows = temp.db
      .prepare<[number], { face_id: number; predicted: number; confidence: number }>(
        'SELECT face_id, predicted, confidence FROM predictions WHERE run_id = ? ORDER BY face_id',
      )
      .all(run.id)
    expect(rows.map((r) => r.predicted)).toEqual([0, 1, 2, 3, 4, 5])
    expect(rows[0]!.confidence).toBeCloseTo(0.4, 6)
    expect(evaluationCellFaces(temp.db, run.id, 'validation', 1, 1)).toEqual([ids[1]])
    expect(evaluationCellFaces(temp.db, run.id, 'validation', 6, 5)).toEqual([])
    expect(evaluationCellFaces(temp.db, run.id, 'test', 1, 1)).toEqual([])
  })
})
