import { createPreloadTransport } from './preloadTransport'
import { bridgeSocketUrl, createSocketTransport } from './socketTransport'
import type { Transport } from './transport'

/** Electron's preload when the page runs in the desktop window, else the bridge's WebSocket. */
export function pickTransport(): Transport {
  if (window.studio !== undefined) return createPreloadTransport(window.studio)
  return createSocketTransport({ url: bridgeSocketUrl(window.location) })
}
