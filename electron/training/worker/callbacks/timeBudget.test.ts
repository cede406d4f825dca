import { describe, expect, it } from 'vitest'

import type { BatchLogs } from '../../../../shared/domain/training'

import { epochLogs, testContext } from './context.testUtil'
import { createTimeBudget } from './timeBudget'

const batch = (epoch: number, elapsedMs: number, facesPerSecond = 100): BatchLogs => ({
  epoch,
  batch: 1,
  batchesPerEpoch: 10,
  step: 1,
  loss: 1,
  accuracy: 0.5,
  elapsedMs,
  etaMs: null,
  facesPerSecond,
})
const epochEnd = (epoch: number, elapsedMs: number) => ({
  logs: { ...epochLogs(epoch, 0.5), elapsedMs },
  confusion: null,
})

describe('timeBudget', () => {
  it('stops mid-epoch when the time left only holds the end of the run', () => {
    // 250 validation faces at 100 faces/s train speed: a first guess of 0.5 s per validation.
    const cb = createTimeBudget({ budgetMs: 10_000, validationFaces: 250 })
    const ctx = testContext(null)
    for (let t = 1000; t <= 8000; t += 500) {
      void cb.onBatchEnd?.(batch(1, t), ctx)
      expect(ctx.stopReason, `at ${t} ms`).toBeNull()
    }
    // 8.5 s + 2 x 0.5 s (validation, final evaluation) + the longest batch 0.5 s: 10 s.
    void cb.onBatchEnd?.(batch(1, 8500), ctx)
    expect(ctx.stopReason).toBe('timeBudget')
  })

  it('measures the end of an epoch and reserves that from then on', () => {
    const cb = createTimeBudget({ budgetMs: 20_000, validationFaces: 100 })
    const ctx = testContext(null)
    void cb.onBatchEnd?.(batch(1, 1000), ctx)
    void cb.onBatchEnd?.(batch(1, 2000), ctx)
    void cb.onEpochEnd?.(epochEnd(1, 5000), ctx)
    // The next first batch at 6 s: 4 s since the last batch, minus a 1 s batch = 3 s of epoch end.
    void cb.onBatchEnd?.(batch(2, 6000), ctx)
    expect(ctx.stopReason).toBeNull()
    for (let t = 7000; t <= 12_000; t += 1000) {
      void cb.onBatchEnd?.(batch(2, t), ctx)
      expect(ctx.stopReason, `at ${t} ms`).toBeNull()
    }
    // 13 s + 2 x 3 s + a 1 s batch: 20 s.
    void cb.onBatchEnd?.(batch(2, 13_000), ctx)
    expect(ctx.stopReason).toBe('timeBudget')
  })

  it("reserves the final evaluation once per view of the run's test-time augmentation", () => {
    const flip = createTimeBudget({
      budgetMs: 20_000,
      validationFaces: 100,
      finalEvaluationViews: 2,
    })
    const ctx = testContext(null)
    void flip.onBatchEnd?.(batch(1, 1000), ctx)
    void flip.onBatchEnd?.(batch(1, 2000), ctx)
    void flip.onEpochEnd?.(epochEnd(1, 5000), ctx)
    void flip.onBatchEnd?.(batch(2, 6000), ctx)
    for (let t = 7000; t <= 9000; t += 1000) {
      void flip.onBatchEnd?.(batch(2, t), ctx)
      expect(ctx.stopReason, `at ${t} ms`).toBeNull()
    }
    // 3 s of epoch end: validation once, the flipped evaluation twice, and a 1 s batch: 10 s
    // (a plain final evaluation would have left 3 s more).
    void flip.onBatchEnd?.(batch(2, 10_000), ctx)
    expect(ctx.stopReason).toBe('timeBudget')
  })

  it('stops at an epoch boundary when not even one more batch and the end fit', () => {
    const cb = createTimeBudget({ budgetMs: 3000, validationFaces: 250 })
    const ctx = testContext(null)
    void cb.onBatchEnd?.(batch(1, 500), ctx)
    void cb.onBatchEnd?.(batch(1, 1000), ctx)
    expect(ctx.stopReason).toBeNull()
    void cb.onEpochEnd?.(epochEnd(1, 1800), ctx)
    expect(ctx.stopReason).toBe('timeBudget')
  })

  it('keeps what it measured across a resume', () => {
    const before = createTimeBudget({ budgetMs: 20_000, validationFaces: 100 })
    const ctx = testContext(null)
    void before.onBatchEnd?.(batch(1, 1000), ctx)
    void before.onBatchEnd?.(batch(1, 2000), ctx)
    void before.onEpochEnd?.(epochEnd(1, 5000), ctx)
    void before.onBatchEnd?.(batch(2, 6000), ctx)
    const after = createTimeBudget({ budgetMs: 20_000, validationFaces: 100 })
    void after.loadState?.(JSON.parse(JSON.stringify(before.saveState?.())))
    const resumed = testContext(null)
    void after.onBatchEnd?.(batch(2, 13_000), resumed)
    expect(resumed.stopReason).toBe('timeBudget')
    const forgetful = createTimeBudget({ budgetMs: 20_000, validationFaces: 100 })
    const fresh = testContext(null)
    void forgetful.onBatchEnd?.(batch(2, 13_000), fresh)
    expect(fresh.stopReason).toBeNull()
  })
})
