import type { FromWorker, Unsequenced } from '../../common/protocol'

import type { TrainingCallback } from './callback'

/** At most this often a batchEnded event goes out (~4 a second): charts stay live, IPC stays quiet. */
export const BATCH_EVENT_INTERVAL_MS = 250

export type ProgressReporterOptions = Readonly<{
  runId: number
  post: (message: Unsequenced<FromWorker>) => void
  now: () => number
  minIntervalMs?: number
}>

/**
 * Reports progress to main: every epoch's logs and confusion matrix, and batch logs throttled to
 * one per `minIntervalMs` (the last batch of each epoch always goes, so a chart ends where the
 * epoch does). Runs last among the epoch-end callbacks, so when main hears of an epoch its
 * checkpoint and best model are already on disk.
 */
export function createProgressReporter(options: ProgressReporterOptions): TrainingCallback {
  const interval = options.minIntervalMs ?? BATCH_EVENT_INTERVAL_MS
  let lastSent = -Infinity
  return {
    name: 'progressReporter',
    onBatchEnd(logs) {
      const t = options.now()
      if (logs.batch !== logs.batchesPerEpoch && t - lastSent < interval) return
      lastSent = t
      options.post({ type: 'batchEnded', runId: options.runId, logs })
    },
    onEpochEnd({ logs, confusion }) {
      options.post({ type: 'epochEnded', runId: options.runId, logs, confusion })
    },
  }
}
