import { describe, expect, it } from 'vitest'

import { fakeBatch, fakeEpoch } from '../../test/fixtures'
import type { RunTrace } from './slices/runsSlice'
import { humanEpoch, MAX_BATCH_POINTS, runProgress, runSeries } from './trainingSelectors'

const trace = (overrides: Partial<RunTrace>): RunTrace => ({
  status: 'ready',
  epochs: [],
  batches: [],
  ...overrides,
})

describe('runSeries', () => {
  it('puts batch points inside their epoch and epoch points at its end, for 0-based epochs', () => {
    const t = trace({
      batches: [fakeBatch(0, 0), fakeBatch(0, 3), fakeBatch(1, 1)],
      epochs: [fakeEpoch(0), fakeEpoch(1)],
    })
    const s = runSeries(t)
    expect(s.batch.map((p) => p.x)).toEqual([0.25, 1, 1.5])
    expect(s.train.map((p) => p.x)).toEqual([1, 2])
    expect(s.validation.map((p) => p.accuracy)).toEqual([0.25, 0.35])
    expect(humanEpoch(t, 0)).toBe(1)
  })

  it('lines up 1-based epoch numbering the same way', () => {
    const t = trace({ batches: [fakeBatch(1, 1)], epochs: [fakeEpoch(1), fakeEpoch(2)] })
    const s = runSeries(t)
    expect(s.batch.map((p) => p.x)).toEqual([0.5])
    expect(s.train.map((p) => p.x)).toEqual([1, 2])
    expect(humanEpoch(t, 2)).toBe(2)
    expect(runProgress(t, fakeBatch(2, 1), 4)).toBeCloseTo(1.5 / 4)
  })

  it('thins long batch curves but keeps the newest point, and caches per trace', () => {
    const batches = Array.from({ length: 5000 }, (_, i) => fakeBatch(Math.floor(i / 4), i % 4))
    const t = trace({ batches })
    const s = runSeries(t)
    expect(s.batch.length).toBeLessThanOrEqual(MAX_BATCH_POINTS + 1)
    expect(s.batch[s.batch.length - 1]?.x).toBe(1250)
    expect(runSeries(t)).toBe(s)
  })

  it('leaves out epochs without validation from the validation curve', () => {
    const s = runSeries(
      trace({ epochs: [fakeEpoch(0, { valLoss: null, valAccuracy: null }), fakeEpoch(1)] }),
    )
    expect(s.validation.map((p) => p.x)).toEqual([2])
  })
})
