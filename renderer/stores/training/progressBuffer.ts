import type { EpochRecord } from '../../../shared/contract'
import type { BatchLogs, RunId } from '../../../shared/domain'

/** At most this many store updates a second from live training progress. */
export const PROGRESS_FLUSHES_PER_SECOND = 4

export type ApplyProgress = (
  runId: RunId,
  batches: readonly BatchLogs[],
  epochs: readonly EpochRecord[],
) => void

export type ProgressBuffer = Readonly<{
  batch(runId: RunId, logs: BatchLogs): void
  epoch(runId: RunId, record: EpochRecord): void
  /** Applies what is waiting now (before a status change, so a finished run has every epoch). */
  flush(): void
  dispose(): void
}>

type Timers = Readonly<{
  setTimeout: (run: () => void, ms: number) => unknown
  clearTimeout: (handle: unknown) => void
}>

/**
 * Collects live batch and epoch points and hands them to the store in one update per run at most
 * PROGRESS_FLUSHES_PER_SECOND times a second: a fast engine (milliseconds an epoch) sends
 * hundreds of points a second, and a re-render for each one floods React.
 */
export function createProgressBuffer(
  apply: ApplyProgress,
  timers: Timers = {
    setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
    clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  },
): ProgressBuffer {
  const waiting = new Map<RunId, { batches: BatchLogs[]; epochs: EpochRecord[] }>()
  let timer: unknown = null
  const flush = (): void => {
    if (timer !== null) timers.clearTimeout(timer)
    timer = null
    const runs = [...waiting.entries()]
    waiting.clear()
    for (const [runId, { batches, epochs }] of runs) apply(runId, batches, epochs)
  }
  const pending = (runId: RunId) => {
    let entry = waiting.get(runId)
    if (entry === undefined) {
      entry = { batches: [], epochs: [] }
      waiting.set(runId, entry)
    }
    timer ??= timers.setTimeout(flush, 1000 / PROGRESS_FLUSHES_PER_SECOND)
    return entry
  }
  return {
    batch: (runId, logs) => void pending(runId).batches.push(logs),
    epoch: (runId, record) => void pending(runId).epochs.push(record),
    flush,
    dispose() {
      if (timer !== null) timers.clearTimeout(timer)
      timer = null
      waiting.clear()
    },
  }
}
