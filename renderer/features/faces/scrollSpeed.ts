/** Above this speed a scroll is a fling: tiles that appear meanwhile leave their image for later. */
export const FLING_PX_PER_S = 2500
/** A fling is over once no scroll has come for this long (or the speed fell below the bar). */
export const FLING_SETTLE_MS = 120

export type ScrollSpeedTracker = Readonly<{
  /** Records a scroll position at time `now` (ms); returns whether the grid is flinging now. */
  onScroll(top: number, now: number): boolean
  /** Forgets the history (the scroll came to rest). */
  reset(): void
}>

/**
 * Tells a fling from reading and from a jump. One scroll event can be a jump (Page Down, the
 * keyboard focus brought on screen), so a fling needs two fast steps in a row; one slow step
 * ends it. Pure: the caller passes the clock.
 */
export function createScrollSpeedTracker(thresholdPxPerS = FLING_PX_PER_S): ScrollSpeedTracker {
  let lastTop: number | null = null
  let lastAt = 0
  let fastSteps = 0
  return {
    onScroll(top, now) {
      if (lastTop !== null) {
        // Events closer than a frame apart are measured over a frame, so jitter is no fling.
        const seconds = Math.max(now - lastAt, 8) / 1000
        const isFast = Math.abs(top - lastTop) / seconds > thresholdPxPerS
        fastSteps = isFast ? fastSteps + 1 : 0
      }
      lastTop = top
      lastAt = now
      return fastSteps >= 2
    },
    reset() {
      lastTop = null
      fastSteps = 0
    },
  }
}
