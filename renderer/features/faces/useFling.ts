import { useEffect, useState } from 'react'
import type { RefObject } from 'react'

import { createScrollSpeedTracker, FLING_SETTLE_MS } from './scrollSpeed'

/**
 * Whether the element is being flung (scrolled faster than reading speed). Re-renders only when
 * that changes: at the start and at the end of a fling, not on every scroll event.
 */
export function useFling(ref: RefObject<HTMLElement | null>): boolean {
  const [isFlinging, setFlinging] = useState(false)
  useEffect(() => {
    const element = ref.current
    if (element === null) return
    const tracker = createScrollSpeedTracker()
    let timer: ReturnType<typeof setTimeout> | undefined
    const settle = (): void => {
      tracker.reset()
      setFlinging(false)
    }
    const onScroll = (): void => {
      setFlinging(tracker.onScroll(element.scrollTop, performance.now()))
      clearTimeout(timer)
      timer = setTimeout(settle, FLING_SETTLE_MS)
    }
    element.addEventListener('scroll', onScroll, { passive: true })
    return () => {
      element.removeEventListener('scroll', onScroll)
      clearTimeout(timer)
    }
  }, [ref])
  return isFlinging
}
