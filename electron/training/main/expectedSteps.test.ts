import { describe, expect, it } from 'vitest'

import { expectedTotalSteps } from './expectedSteps'

describe('expectedTotalSteps', () => {
  it('is epochs x batches for a run by epochs', () => {
    const logs = { batchesPerEpoch: 50, step: 10, elapsedMs: 1000 }
    expect(expectedTotalSteps({ epochs: 10, timeBudgetMs: null }, logs)).toBe(500)
  })

  it('follows the pace for a budget run, never past its epoch cap', () => {
    const logs = { batchesPerEpoch: 50, step: 10, elapsedMs: 1000 }
    expect(expectedTotalSteps({ epochs: 1000, timeBudgetMs: 60_000 }, logs)).toBe(600)
    expect(expectedTotalSteps({ epochs: 2, timeBudgetMs: 60_000 }, logs)).toBe(100)
  })
})
