import type { StudioPreloadApi } from './preloadApi'
import type { Transport } from './transport'

/** The transport inside Electron: every call goes through the preload's two functions. */
export function createPreloadTransport(api: StudioPreloadApi): Transport {
  return {
    request: (method, input) => api.request(method, input),
    subscribe: (listener) => api.onEvent(listener),
  }
}
