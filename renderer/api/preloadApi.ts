import type { StudioPreloadApi } from '../../shared/transport/preloadApi'

export type { StudioPreloadApi }

declare global {
  interface Window {
    /** Present only inside the Electron window (shared/transport/preloadApi.ts). */
    studio?: StudioPreloadApi
  }
}
