import { useEffect, useState } from 'react'

/** Loads and decodes an image; rejects if it cannot. Aborting drops the download. */
export type ImageLoader = (url: string, signal: AbortSignal) => Promise<void>

/** The browser's loader: an off-screen image, decoded before it is reported ready. */
export const loadImage: ImageLoader = (url, signal) =>
  new Promise<void>((resolve, reject) => {
    const image = new Image()
    signal.addEventListener('abort', () => image.removeAttribute('src'), { once: true })
    image.onload = () => {
      // decode() makes the first paint of the image cheap; where it is missing, load is enough.
      if (typeof image.decode !== 'function') return resolve()
      image.decode().then(resolve, resolve)
    }
    image.onerror = () => reject(new Error(`Could not load ${url}`))
    image.src = url
  })

/** URLs loaded lately: shown at once when they come back (scrolling back), with no blank frame. */
const recentlyLoaded = new Set<string>()
const RECENT_LIMIT = 600

function remember(url: string): void {
  recentlyLoaded.delete(url)
  recentlyLoaded.add(url)
  if (recentlyLoaded.size > RECENT_LIMIT)
    recentlyLoaded.delete(recentlyLoaded.values().next().value as string)
}

/**
 * `url` once it has loaded and decoded (null before that, when it failed, or for a null url), so
 * a CSS background never shows half-loaded or stale. Changing or dropping the url, or
 * unmounting, aborts a download still in flight.
 */
export function useLoadedImage(url: string | null, loader: ImageLoader = loadImage): string | null {
  const [loaded, setLoaded] = useState<string | null>(null)
  useEffect(() => {
    if (url === null || recentlyLoaded.has(url)) return undefined
    const controller = new AbortController()
    loader(url, controller.signal).then(
      () => {
        remember(url)
        if (!controller.signal.aborted) setLoaded(url)
      },
      () => undefined,
    )
    return () => controller.abort()
  }, [url, loader])
  if (url === null) return null
  return loaded === url || recentlyLoaded.has(url) ? url : null
}

/** Forgets which URLs were loaded (tests). */
export function forgetLoadedImages(): void {
  recentlyLoaded.clear()
}
