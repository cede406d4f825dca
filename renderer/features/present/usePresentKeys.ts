import { useEffect } from 'react'

import { SPEEDS, usePresentStore } from '../../stores/present/presentStore'
import { useUiStore } from '../../stores/ui/uiStore'
import { useWindowKeys } from '../../lib/keyboard'

/** Seconds one epoch stays on screen at 1x. */
const SECONDS_PER_EPOCH = 1.2

/**
 * Present mode's keys (Space play/pause, arrows step and speed, Home/End, T theme, F full screen,
 * Esc leave) and its clock: while playing, one epoch every SECONDS_PER_EPOCH / speed.
 */
export function usePresentKeys(onExit: () => void): void {
  const playing = usePresentStore((s) => s.playing)
  const speed = usePresentStore((s) => SPEEDS[s.speedIndex] ?? 1)
  useEffect(() => {
    if (!playing) return
    const timer = setInterval(
      () => usePresentStore.getState().tick(),
      (SECONDS_PER_EPOCH * 1000) / speed,
    )
    return () => clearInterval(timer)
  }, [playing, speed])
  useWindowKeys((event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return
    const s = usePresentStore.getState()
    const handled = ((): boolean => {
      switch (event.key) {
        case ' ':
          s.togglePlay()
          return true
        case 'ArrowRight':
          s.step(1)
          return true
        case 'ArrowLeft':
          s.step(-1)
          return true
        case 'ArrowUp':
          s.faster()
          return true
        case 'ArrowDown':
          s.slower()
          return true
        case 'Home':
          s.step(-Infinity)
          return true
        case 'End':
          s.step(Infinity)
          return true
        case 't':
        case 'T': {
          const ui = useUiStore.getState()
          const dark =
            ui.theme === 'dark' ||
            (ui.theme === 'system' && matchMedia('(prefers-color-scheme: dark)').matches)
          ui.setTheme(dark ? 'light' : 'dark')
          return true
        }
        case 'f':
        case 'F':
          if (document.fullscreenElement) void document.exitFullscreen()
          else void document.documentElement.requestFullscreen?.().catch(() => undefined)
          return true
        case 'Escape':
          if (!document.fullscreenElement) onExit()
          return true
        default:
          return false
      }
    })()
    if (handled) event.preventDefault()
  })
}
