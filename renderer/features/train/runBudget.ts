import { formatDurationShort } from '../../../shared/domain'
import type { RunSummary } from '../../../shared/domain'

/**
 * A time-budget run's budget and what is left of it ('40s · 12s left'), and its progress as the
 * share of the budget spent; null for a run trained by epochs.
 */
export function runBudget(
  run: Pick<RunSummary, 'config' | 'status'>,
  elapsedMs: number | undefined,
): { text: string; progress: number } | null {
  const budget = run.config.timeBudgetMs
  if (budget === null) return null
  const spent = Math.min(budget, elapsedMs ?? 0)
  const live = run.status === 'running' || run.status === 'paused' || run.status === 'queued'
  const left = live ? ` · ${formatDurationShort(budget - spent)} left` : ''
  return { text: `${formatDurationShort(budget)}${left}`, progress: spent / budget }
}
