import { describe, expect, it } from 'vitest'

import type { BatchLogs } from '../../../../shared/domain/training'
import type { FromWorker, Unsequenced } from '../../common/protocol'

import { epochLogs, testContext } from './context.testUtil'
import { createProgressReporter } from './progressReporter'

function batch(epoch: number, b: number, of = 10): BatchLogs {
  return {
    epoch,
    batch: b,
    batchesPerEpoch: of,
    step: (epoch - 1) * of + b,
    loss: 1,
    accuracy: 0.5,
    elapsedMs: 0,
    etaMs: null,
    facesPerSecond: 1,
  }
}

describe('progressReporter', () => {
  it("throttles batch events to one per interval, always sending an epoch's last batch", () => {
    let t = 0
    const posted: Unsequenced<FromWorker>[] = []
    const cb = createProgressReporter({
      runId: 7,
      post: (m) => posted.push(m),
      now: () => t,
      minIntervalMs: 250,
    })
    const ctx = testContext(null)
    // A batch every 100 ms: events at batches 1, 4, 7 (>= 250 ms apart) and 10 (last).
    for (let b = 1; b <= 10; b++) {
      t = b * 100
      void cb.onBatchEnd?.(batch(1, b), ctx)
    }
    const steps = posted.map((m) => (m.type === 'batchEnded' ? m.logs.batch : -1))
    expect(steps).toEqual([1, 4, 7, 10])
    expect(posted[0]).toMatchObject({ type: 'batchEnded', runId: 7 })
  })

  it('posts every epoch with its confusion matrix', () => {
    const posted: Unsequenced<FromWorker>[] = []
    const cb = createProgressReporter({ runId: 7, post: (m) => posted.push(m), now: () => 0 })
    const confusion = [[1, 2, 0, 0, 0, 0, 0]]
    void cb.onEpochEnd?.({ logs: epochLogs(1, 0.4), confusion }, testContext(null))
    void cb.onEpochEnd?.({ logs: epochLogs(2, 0.6), confusion: null }, testContext(null))
    expect(posted).toEqual([
      { type: 'epochEnded', runId: 7, logs: epochLogs(1, 0.4), confusion },
      { type: 'epochEnded', runId: 7, logs: epochLogs(2, 0.6), confusion: null },
    ])
  })
})
