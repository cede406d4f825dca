import type { EventMessage } from './client'
import type { Envelope } from './envelope'

/**
 * What the Electron preload exposes as `window.studio`: two functions pinned to the
 * REQUEST_CHANNEL / EVENT_CHANNEL (channels.ts), never `ipcRenderer` itself (Electron's
 * context-isolation advice).
 * Declared in shared/ so both the preload (electron/preload, which may not import renderer/) and
 * the renderer's transport check against the same type.
 */
export type StudioPreloadApi = Readonly<{
  request(method: string, input: unknown): Promise<Envelope<unknown>>
  onEvent(listener: (message: EventMessage) => void): () => void
}>
