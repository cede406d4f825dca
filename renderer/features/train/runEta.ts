import type { RunStatus } from '../../../shared/domain'
import { formatDuration } from '../../lib/format'

/**
 * What the ETA says for a run: a time only while it trains (or waits to); a paused run has no
 * ETA, since it finishes only when resumed, and the header, runs table and ETA then agree.
 */
export function runEtaText(status: RunStatus, etaMs: number | null | undefined): string {
  if (status === 'running' || status === 'queued') return formatDuration(etaMs)
  if (status === 'paused') return 'paused'
  if (status === 'completed') return 'done'
  return '—'
}
