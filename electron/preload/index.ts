import { contextBridge, ipcRenderer } from 'electron'
import type { IpcRendererEvent } from 'electron'

import type { EventMessage } from '../../shared/transport/client'
import type { Envelope } from '../../shared/transport/envelope'
import type { StudioPreloadApi } from '../../shared/transport/preloadApi'

/**
 * The whole preload: two functions pinned to the two `studio:` channels (HOUSE_STYLE §4.5), never
 * `ipcRenderer` itself. Channel names are repeated here rather than imported from main so the
 * sandboxed preload bundle stays free of main-process code.
 */
const api = {
  request: (method: string, input: unknown): Promise<Envelope<unknown>> =>
    ipcRenderer.invoke('studio:request', method, input) as Promise<Envelope<unknown>>,
  onEvent: (listener: (message: EventMessage) => void): (() => void) => {
    const wrapped = (_event: IpcRendererEvent, message: EventMessage) => listener(message)
    ipcRenderer.on('studio:event', wrapped)
    return () => {
      ipcRenderer.removeListener('studio:event', wrapped)
    }
  },
} satisfies StudioPreloadApi

contextBridge.exposeInMainWorld('studio', api)
