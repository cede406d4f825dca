import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { createComputeEngine } from '../engine/createComputeEngine'
import type { ComputeEngine } from '../engine/types'

import { epochLogs, testContext } from './context.testUtil'
import { createEarlyStopping } from './earlyStopping'
import { sameWeights, stepOnce } from './engine.testUtil'

describe('earlyStopping', () => {
  let engine: ComputeEngine
  beforeEach(async () => {
    engine = await createComputeEngine({
      model: 'tiny-cnn',
      backend: 'wasm',
      seed: 3,
      maxThreads: 1,
    })
  })
  afterEach(() => engine.dispose())

  const epoch = (
    cb: ReturnType<typeof createEarlyStopping>,
    ctx: ReturnType<typeof testContext>,
    n: number,
    acc: number,
  ) => cb.onEpochEnd?.({ logs: epochLogs(n, acc), confusion: null }, ctx)

  it('stops after `patience` epochs without improvement and really restores the best weights', async () => {
    const cb = createEarlyStopping({ patience: 2, restoreBest: true })
    const ctx = testContext(engine)
    await stepOnce(engine)
    await epoch(cb, ctx, 1, 0.3)
    await stepOnce(engine)
    await epoch(cb, ctx, 2, 0.5) // best
    const best = await engine.snapshot()
    await stepOnce(engine)
    await epoch(cb, ctx, 3, 0.5) // a tie is no improvement
    expect(ctx.stopReason).toBeNull()
    await stepOnce(engine)
    const last = await engine.snapshot()
    expect(sameWeights(last, best)).toBe(false)
    await epoch(cb, ctx, 4, 0.45)
    expect(ctx.stopReason).toBe('earlyStopping')
    expect(cb.stoppedEpoch).toBe(4)
    expect(cb.bestEpoch).toBe(2)
    expect(sameWeights(await engine.snapshot(), best)).toBe(true)
  })

  it('leaves the last weights when restoreBest is off', async () => {
    const cb = createEarlyStopping({ patience: 1, restoreBest: false })
    const ctx = testContext(engine)
    await epoch(cb, ctx, 1, 0.5)
    await stepOnce(engine)
    const last = await engine.snapshot()
    await epoch(cb, ctx, 2, 0.4)
    expect(ctx.stopReason).toBe('earlyStopping')
    expect(sameWeights(await engine.snapshot(), last)).toBe(true)
  })

  it('after a resume, restores the best weights from loadBest', async () => {
    const first = createEarlyStopping({ patience: 2, restoreBest: true })
    const ctx = testContext(engine)
    await epoch(first, ctx, 1, 0.6)
    const best = await engine.snapshot()
    await stepOnce(engine)
    await epoch(first, ctx, 2, 0.5)
    const resumed = createEarlyStopping({
      patience: 2,
      restoreBest: true,
      loadBest: () => Promise.resolve(best),
    })
    await resumed.loadState?.(JSON.parse(JSON.stringify(first.saveState?.())))
    await stepOnce(engine)
    const ctx2 = testContext(engine)
    await epoch(resumed, ctx2, 3, 0.55)
    expect(ctx2.stopReason).toBe('earlyStopping')
    expect(sameWeights(await engine.snapshot(), best)).toBe(true)
  })
})
