import type { RunId, RunSummary } from '../../../shared/domain'

/**
 * The run a screen opens on when none is chosen: the best completed one (highest validation
 * accuracy, the latest among equals), not merely the latest; null when none completed.
 */
export function bestFinishedRunId(runs: readonly RunSummary[]): RunId | null {
  let best: RunSummary | null = null
  for (const run of runs) {
    if (run.status !== 'completed') continue
    const accuracy = run.bestValAccuracy ?? -1
    const bestAccuracy = best?.bestValAccuracy ?? -1
    if (best === null || accuracy > bestAccuracy || (accuracy === bestAccuracy && run.id > best.id))
      best = run
  }
  return best?.id ?? null
}
