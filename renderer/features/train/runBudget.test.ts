import { describe, expect, it } from 'vitest'

import { TrainingConfig } from '../../../shared/domain'
import { runBudget } from './runBudget'

const run = (timeBudgetMs: number | null, status: 'running' | 'completed' = 'running') => ({
  config: TrainingConfig.parse({ timeBudgetMs }),
  status,
})

describe('runBudget', () => {
  it('shows the budget, the time left while the run trains, and the share spent', () => {
    expect(runBudget(run(40_000), 28_000)).toEqual({ text: '40s · 12s left', progress: 0.7 })
    expect(runBudget(run(5_400_000), 0)).toEqual({ text: '1h30m · 1h30m left', progress: 0 })
    expect(runBudget(run(40_000, 'completed'), 41_000)).toEqual({ text: '40s', progress: 1 })
  })

  it('is null for a run trained by epochs', () => {
    expect(runBudget(run(null), 1000)).toBeNull()
  })
})
