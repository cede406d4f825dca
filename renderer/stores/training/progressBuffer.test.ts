import { describe, expect, it, vi } from 'vitest'

import type { BatchLogs, RunId } from '../../../shared/domain'
import { fakeEpoch } from '../../test/fixtures'
import { createProgressBuffer, PROGRESS_FLUSHES_PER_SECOND } from './progressBuffer'

const batch = (step: number): BatchLogs => ({
  epoch: 1,
  batch: step,
  batchesPerEpoch: 1000,
  step,
  loss: 1,
  accuracy: 0.5,
  elapsedMs: step,
  etaMs: null,
  facesPerSecond: 1e5,
})

describe('createProgressBuffer', () => {
  it('hands a flood of points to the store a few times a second, each run in one update', () => {
    vi.useFakeTimers()
    try {
      const apply = vi.fn()
      const buffer = createProgressBuffer(apply)
      // A fast engine: 2,000 batches and 100 epochs within one second.
      for (let ms = 0; ms < 1000; ms++) {
        buffer.batch(1 as RunId, batch(2 * ms))
        buffer.batch(1 as RunId, batch(2 * ms + 1))
        if (ms % 10 === 0) buffer.epoch(1 as RunId, fakeEpoch(ms / 10))
        vi.advanceTimersByTime(1)
      }
      vi.advanceTimersByTime(1000)
      expect(apply.mock.calls.length).toBeLessThanOrEqual(PROGRESS_FLUSHES_PER_SECOND + 1)
      const batches = apply.mock.calls.flatMap((c) => c[1] as BatchLogs[])
      expect(batches.map((b) => b.step)).toEqual(Array.from({ length: 2000 }, (_, i) => i))
      expect(apply.mock.calls.flatMap((c) => c[2] as unknown[])).toHaveLength(100)
    } finally {
      vi.useRealTimers()
    }
  })

  it('applies what waits at once on flush, and nothing after dispose', () => {
    vi.useFakeTimers()
    try {
      const apply = vi.fn()
      const buffer = createProgressBuffer(apply)
      buffer.batch(1 as RunId, batch(1))
      buffer.batch(2 as RunId, batch(1))
      buffer.flush()
      expect(apply.mock.calls.map((c) => c[0])).toEqual([1, 2])
      buffer.batch(1 as RunId, batch(2))
      buffer.dispose()
      vi.advanceTimersByTime(1000)
      expect(apply).toHaveBeenCalledTimes(2)
    } finally {
      vi.useRealTimers()
    }
  })
})
