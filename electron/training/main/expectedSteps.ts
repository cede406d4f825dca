import type { BatchLogs, TrainingConfig } from '../../../shared/domain/training'

/**
 * How many steps a run will take in all, as far as its latest batch tells: epochs x batches, or
 * for a time-budget run (whose epoch count is only a cap) the steps at this pace until the budget
 * is spent. The run store thins stored batch points by it, so a budget run's chart keeps as many
 * points as an epoch run's.
 */
export function expectedTotalSteps(
  config: Pick<TrainingConfig, 'epochs' | 'timeBudgetMs'>,
  logs: Pick<BatchLogs, 'batchesPerEpoch' | 'step' | 'elapsedMs'>,
): number {
  const byEpochs = logs.batchesPerEpoch * config.epochs
  if (config.timeBudgetMs === null || logs.elapsedMs <= 0) return byEpochs
  return Math.min(byEpochs, Math.ceil((logs.step * config.timeBudgetMs) / logs.elapsedMs))
}
