import { describe, expect, it } from 'vitest'

import { createScrollSpeedTracker } from './scrollSpeed'

describe('createScrollSpeedTracker', () => {
  it('calls 6,000 px/s a fling from its second fast step, and 1,200 px/s reading', () => {
    const fling = createScrollSpeedTracker(2500)
    expect([0, 1, 2, 3].map((f) => fling.onScroll(f * 100, f * 16.7))).toEqual([
      false,
      false,
      true,
      true,
    ])
    const reading = createScrollSpeedTracker(2500)
    expect([0, 1, 2, 3].some((f) => reading.onScroll(f * 20, f * 16.7))).toBe(false)
  })

  it('does not take one jump for a fling, and a slow step or a reset ends one', () => {
    const tracker = createScrollSpeedTracker(2500)
    tracker.onScroll(0, 0)
    expect(tracker.onScroll(5000, 16)).toBe(false)
    expect(tracker.onScroll(5010, 200)).toBe(false)
    tracker.onScroll(5110, 216)
    expect(tracker.onScroll(5210, 232)).toBe(true)
    expect(tracker.onScroll(5212, 248)).toBe(false)
    tracker.reset()
    expect(tracker.onScroll(9000, 260)).toBe(false)
  })
})
