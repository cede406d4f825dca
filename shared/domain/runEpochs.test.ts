import { describe, expect, it } from 'vitest'

import { runEpochAxis, runEpochsText } from './runEpochs'
import { TrainingConfig } from './training'

const byEpochs = TrainingConfig.parse({ epochs: 30 })
const byBudget = TrainingConfig.parse({ epochs: 1000, timeBudgetMs: 50 * 60_000 })

describe('runEpochsText', () => {
  it('counts against the planned epochs of a run trained by epochs', () => {
    expect(runEpochsText({ config: byEpochs, epochsDone: 12 })).toBe('12/30')
  })

  it('names the budget, not the upper bound, for a time-budget run', () => {
    expect(runEpochsText({ config: byBudget, epochsDone: 12 })).toBe('12 in 50m')
  })
})

describe('runEpochAxis', () => {
  it('spans the planned epochs, or what a budget run has done plus the epoch under way', () => {
    expect(runEpochAxis({ config: byEpochs, epochsDone: 3 })).toBe(30)
    expect(runEpochAxis({ config: byBudget, epochsDone: 3 })).toBe(4)
  })
})
