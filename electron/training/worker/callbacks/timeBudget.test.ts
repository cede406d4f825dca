import { describe, expect, it } from 'vitest'

import { epochLogs, testContext } from './context.testUtil'
import { createTimeBudget } from './timeBudget'

const at = (epoch: number, elapsedMs: number) => ({
  logs: { ...epochLogs(epoch, 0.5), elapsedMs },
  confusion: null,
})

describe('timeBudget', () => {
  it('stops when the longest epoch so far would not fit in what is left', () => {
    const cb = createTimeBudget({ budgetMs: 10_000 })
    const ctx = testContext(null)
    void cb.onEpochEnd?.(at(1, 3_000), ctx) // 3 s + 3 s <= 10 s
    expect(ctx.stopReason).toBeNull()
    void cb.onEpochEnd?.(at(2, 6_000), ctx) // 6 s + 3 s <= 10 s
    expect(ctx.stopReason).toBeNull()
    void cb.onEpochEnd?.(at(3, 9_500), ctx) // longest now 3.5 s: 13 s > 10 s
    expect(ctx.stopReason).toBe('timeBudget')
  })

  it('always lets the first epoch finish, and carries its estimate across a resume', () => {
    const first = createTimeBudget({ budgetMs: 1_000 })
    const ctx = testContext(null)
    void first.onEpochEnd?.(at(1, 4_000), ctx)
    expect(ctx.stopReason).toBe('timeBudget')

    // Epoch 1 took 1 s; after a resume epoch 2 ends at 2 s: 2 s + 1 s fits in 3.5 s. A callback
    // that forgot epoch 1 would take the whole 2 s for one epoch and stop.
    const before = createTimeBudget({ budgetMs: 3_500 })
    void before.onEpochEnd?.(at(1, 1_000), testContext(null))
    const after = createTimeBudget({ budgetMs: 3_500 })
    void after.loadState?.(before.saveState?.())
    const resumed = testContext(null)
    void after.onEpochEnd?.(at(2, 2_000), resumed)
    expect(resumed.stopReason).toBeNull()
    const forgetful = createTimeBudget({ budgetMs: 3_500 })
    const fresh = testContext(null)
    void forgetful.onEpochEnd?.(at(2, 2_000), fresh)
    expect(fresh.stopReason).toBe('timeBudget')
  })
})
