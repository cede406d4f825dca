import { formatDurationShort } from './duration'
import type { RunSummary } from './training'

type RunPlan = Pick<RunSummary, 'config' | 'epochsDone'>

/**
 * A run's epochs as a table cell: '12/30' for a run trained by epochs, '12 in 50m' for a
 * time-budget run (its epoch count is only an upper bound, so '12/1000' would mislead).
 */
export function runEpochsText(run: RunPlan): string {
  const budget = run.config.timeBudgetMs
  return budget === null
    ? `${run.epochsDone}/${run.config.epochs}`
    : `${run.epochsDone} in ${formatDurationShort(budget)}`
}

/**
 * How many epochs a chart's axis should hold for a run: its planned epochs, or, for a
 * time-budget run (whose count is not known ahead), the epochs done so far plus the one under way.
 */
export function runEpochAxis(run: RunPlan): number {
  return run.config.timeBudgetMs === null ? run.config.epochs : run.epochsDone + 1
}
