import { describe, expect, it } from 'vitest'

import { testContext } from './context.testUtil'
import { createRunControl } from './runControl'

const tick = () => new Promise((resolve) => setTimeout(resolve, 5))

describe('runControl', () => {
  it('passes straight through when nothing was asked', async () => {
    const control = createRunControl({ now: () => 0 })
    const ctx = testContext(null)
    await control.callback.onBatchEnd?.({} as never, ctx)
    expect(ctx.stopReason).toBeNull()
  })

  it('waits at the next batch boundary while paused, and reports pause and resume', async () => {
    let t = 0
    const control = createRunControl({ now: () => t })
    const statuses: string[] = []
    control.onStatus((s) => statuses.push(s))
    const ctx = testContext(null)
    control.pause()
    let passed = false
    const boundary = Promise.resolve(control.callback.onBatchEnd?.({} as never, ctx)).then(
      () => (passed = true),
    )
    await tick()
    expect(passed).toBe(false)
    expect(control.isPaused).toBe(true)
    expect(statuses).toEqual(['paused'])
    t = 1500
    control.resume()
    await boundary
    expect(passed).toBe(true)
    expect(statuses).toEqual(['paused', 'running'])
    expect(ctx.pausedMs).toBe(1500)
    expect(ctx.stopReason).toBeNull()
  })

  it('a cancel stops the loop, also while paused', async () => {
    const control = createRunControl({ now: () => 0 })
    const ctx = testContext(null)
    control.pause()
    const boundary = control.callback.onEpochBegin?.(2, ctx)
    await tick()
    control.cancel()
    await boundary
    expect(ctx.stopReason).toBe('cancelled')
    expect(control.isCancelled).toBe(true)
  })

  it('a pause and resume between two boundaries has no effect', async () => {
    const control = createRunControl({ now: () => 0 })
    const statuses: string[] = []
    control.onStatus((s) => statuses.push(s))
    control.pause()
    control.resume()
    await control.callback.onBatchEnd?.({} as never, testContext(null))
    expect(statuses).toEqual([])
  })
})
