import type { EventMessage } from '../../shared/transport/client'
import type { Envelope } from '../../shared/transport/envelope'

/**
 * What the Electron preload exposes as `window.studio` — two functions pinned to the
 * `studio:request` / `studio:event` channels, never `ipcRenderer` itself (HOUSE_STYLE §4.5).
 * The preload's object should `satisfies StudioPreloadApi`.
 */
export type StudioPreloadApi = Readonly<{
  request(method: string, input: unknown): Promise<Envelope<unknown>>
  onEvent(listener: (message: EventMessage) => void): () => void
}>

declare global {
  interface Window {
    /** Present only inside the Electron window. */
    studio?: StudioPreloadApi
  }
}
