import type { TrainingCallback } from './callback'

export type TimeBudgetOptions = Readonly<{
  /** Training time allowed (ms, as the epoch logs count it: pauses excluded, across resumes). */
  budgetMs: number
}>

/**
 * Stops a run at an epoch boundary when another epoch would not fit in the budget: after each
 * epoch, the longest epoch seen so far is taken as the next one's length. At least one epoch
 * always runs, so a budget shorter than an epoch still gives a model. The loop then ends like
 * early stopping does (the best weights are evaluated and kept).
 */
export function createTimeBudget(options: TimeBudgetOptions): TrainingCallback {
  let previousElapsed = 0
  let longestEpoch = 0
  return {
    name: 'timeBudget',
    onEpochEnd({ logs }, ctx) {
      longestEpoch = Math.max(longestEpoch, logs.elapsedMs - previousElapsed)
      previousElapsed = logs.elapsedMs
      if (logs.elapsedMs + longestEpoch > options.budgetMs) ctx.stop('timeBudget')
    },
    saveState: () => ({ previousElapsed, longestEpoch }),
    loadState(state) {
      const saved = state as { previousElapsed?: unknown; longestEpoch?: unknown }
      if (typeof saved.previousElapsed === 'number') previousElapsed = saved.previousElapsed
      if (typeof saved.longestEpoch === 'number') longestEpoch = saved.longestEpoch
    },
  }
}
