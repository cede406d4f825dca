import type { RunStatus } from '../../../shared/domain'

const TONE: Readonly<Record<RunStatus, string>> = {
  queued: 'info',
  running: 'info',
  paused: 'warn',
  completed: 'ok',
  cancelled: '',
  failed: 'danger',
  interrupted: 'warn',
}

/** A run's status as a coloured badge. */
export function RunStatusBadge({
  status,
  testId,
}: Readonly<{ status: RunStatus; testId: string }>) {
  return (
    <span className={`badge ${TONE[status]}`} data-testid={testId} data-status={status}>
      {status === 'running' ? '● ' : ''}
      {status}
    </span>
  )
}
