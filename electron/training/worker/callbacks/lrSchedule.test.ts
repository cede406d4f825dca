import { describe, expect, it } from 'vitest'

import { LrSchedule } from '../../../../shared/domain/training'

import { epochLogs, testContext } from './context.testUtil'
import { createLrSchedule, scheduledRate } from './lrSchedule'

describe('lrSchedule', () => {
  it('step: multiplies by factor every `every` epochs', () => {
    const s = LrSchedule.parse({ kind: 'step', every: 2, factor: 0.5 })
    expect([1, 2, 3, 4, 5].map((e) => scheduledRate(s, 0.1, 5, e))).toEqual([
      0.1, 0.1, 0.05, 0.05, 0.025,
    ])
  })

  it('cosine: starts at the base rate, ends at minLr, halfway at the mean', () => {
    const s = LrSchedule.parse({ kind: 'cosine', minLr: 0.001 })
    expect(scheduledRate(s, 0.1, 5, 1)).toBeCloseTo(0.1, 12)
    expect(scheduledRate(s, 0.1, 5, 3)).toBeCloseTo(0.0505, 12)
    expect(scheduledRate(s, 0.1, 5, 5)).toBeCloseTo(0.001, 12)
    const rates = [1, 2, 3, 4, 5].map((e) => scheduledRate(s, 0.1, 5, e) as number)
    rates.slice(1).forEach((r, i) => expect(r).toBeLessThan(rates[i]!))
  })

  it('sets the context rate at each epoch start', async () => {
    const cb = createLrSchedule({
      schedule: { kind: 'step', every: 1, factor: 0.1 },
      baseLr: 1,
      epochs: 3,
    })
    const ctx = testContext(null)
    const seen: number[] = []
    for (const epoch of [1, 2, 3]) {
      await cb.onEpochBegin?.(epoch, ctx)
      seen.push(ctx.learningRate)
    }
    expect(seen[0]).toBe(1)
    expect(seen[1]).toBeCloseTo(0.1, 12)
    expect(seen[2]).toBeCloseTo(0.01, 12)
  })

  it('plateau: cuts the rate after `patience` epochs without a lower val loss, not below minLr', async () => {
    const schedule = LrSchedule.parse({ kind: 'plateau', factor: 0.5, patience: 2, minLr: 0.02 })
    const cb = createLrSchedule({ schedule, baseLr: 0.1, epochs: 10 })
    const ctx = testContext(null, { learningRate: 0.1 })
    const losses = [1.0, 0.9, 0.95, 0.91, 0.92, 0.93, 0.8, 0.85, 0.86, 0.87]
    const rates: number[] = []
    for (const [i, loss] of losses.entries()) {
      await cb.onEpochBegin?.(i + 1, ctx)
      await cb.onEpochEnd?.({ logs: epochLogs(i + 1, 0.5, loss), confusion: null }, ctx)
      rates.push(ctx.learningRate)
    }
    // Best 0.9 at epoch 2; epochs 3-4 no better -> 0.05; epochs 5-6 -> 0.025; 0.8 at 7 resets;
    // 8-9 -> 0.0125 clipped to 0.02.
    expect(rates).toEqual([0.1, 0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.025, 0.02, 0.02])
  })

  it('plateau: carries its counters through a checkpoint', async () => {
    const schedule = LrSchedule.parse({ kind: 'plateau', factor: 0.5, patience: 2 })
    const first = createLrSchedule({ schedule, baseLr: 0.1, epochs: 10 })
    const ctx = testContext(null, { learningRate: 0.1 })
    await first.onEpochEnd?.({ logs: epochLogs(1, 0.5, 1.0), confusion: null }, ctx)
    await first.onEpochEnd?.({ logs: epochLogs(2, 0.5, 1.1), confusion: null }, ctx)
    const resumed = createLrSchedule({ schedule, baseLr: 0.1, epochs: 10 })
    await resumed.loadState?.(JSON.parse(JSON.stringify(first.saveState?.())))
    await resumed.onEpochEnd?.({ logs: epochLogs(3, 0.5, 1.2), confusion: null }, ctx)
    expect(ctx.learningRate).toBeCloseTo(0.05, 12)
  })

  it('cosine with a time budget follows elapsed / budget batch by batch, not the epochs', () => {
    const cb = createLrSchedule({
      schedule: { kind: 'cosine', minLr: 0 },
      baseLr: 1,
      epochs: 1000,
      budgetMs: 10_000,
    })
    const ctx = testContext(null, { learningRate: 1 })
    void cb.onEpochBegin?.(1, ctx)
    expect(ctx.learningRate).toBe(1)
    const logs = (elapsedMs: number) => ({
      epoch: 1,
      batch: 1,
      batchesPerEpoch: 10,
      step: 1,
      loss: 1,
      accuracy: 0,
      elapsedMs,
      etaMs: null,
      facesPerSecond: 1,
    })
    void cb.onBatchEnd?.(logs(5000), ctx)
    expect(ctx.learningRate).toBeCloseTo(0.5, 12)
    void cb.onEpochBegin?.(2, ctx)
    expect(ctx.learningRate).toBeCloseTo(0.5, 12)
    void cb.onBatchEnd?.(logs(12_000), ctx)
    expect(ctx.learningRate).toBe(0)
  })
})
