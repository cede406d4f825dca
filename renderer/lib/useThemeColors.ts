import { useEffect, useState } from 'react'

/** Colours the charts need, read from the CSS variables of the current theme. */
export type ThemeColors = Readonly<{
  fg: string
  muted: string
  grid: string
  panel: string
  series: readonly string[]
  /** Axis and legend text size in px: follows the large-text setting. */
  fontSize: number
}>

function read(): ThemeColors {
  const style = getComputedStyle(document.documentElement)
  const v = (name: string, fallback: string): string =>
    style.getPropertyValue(name).trim() || fallback
  return {
    fg: v('--fg', '#1d2330'),
    muted: v('--fg-muted', '#6b7280'),
    grid: v('--border', '#d8dce3'),
    panel: v('--bg-panel', '#ffffff'),
    series: [1, 2, 3, 4, 5, 6].map((i) => v(`--series-${i}`, '#3b7dd8')),
    fontSize: Math.round((parseFloat(style.fontSize) || 13) * 0.92),
  }
}

/**
 * SVG attributes cannot use CSS variables reliably, so charts get concrete colours, re-read when
 * the theme attribute on <html> changes or the OS switches between light and dark.
 */
export function useThemeColors(): ThemeColors {
  const [colors, setColors] = useState(read)
  useEffect(() => {
    const update = (): void => setColors(read())
    const observer = new MutationObserver(update)
    observer.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['data-theme', 'data-large-text', 'class'],
    })
    const media = window.matchMedia?.('(prefers-color-scheme: dark)')
    media?.addEventListener?.('change', update)
    return () => {
      observer.disconnect()
      media?.removeEventListener?.('change', update)
    }
  }, [])
  return colors
}
