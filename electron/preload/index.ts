import { contextBridge, ipcRenderer } from 'electron'
import type { IpcRendererEvent } from 'electron'

import { EVENT_CHANNEL, REQUEST_CHANNEL } from '../../shared/transport/channels'
import type { EventMessage } from '../../shared/transport/client'
import type { Envelope } from '../../shared/transport/envelope'
import type { StudioPreloadApi } from '../../shared/transport/preloadApi'

/**
 * The whole preload: two functions pinned to the two `studio:` channels, never `ipcRenderer`
 * itself. The channel names come from shared/ (not from main), so the sandboxed preload bundle
 * stays free of main-process code.
 */
const api = {
  request: (method: string, input: unknown): Promise<Envelope<unknown>> =>
    ipcRenderer.invoke(REQUEST_CHANNEL, method, input) as Promise<Envelope<unknown>>,
  onEvent: (listener: (message: EventMessage) => void): (() => void) => {
    const wrapped = (_event: IpcRendererEvent, message: EventMessage) => listener(message)
    ipcRenderer.on(EVENT_CHANNEL, wrapped)
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, wrapped)
    }
  },
} satisfies StudioPreloadApi

contextBridge.exposeInMainWorld('studio', api)
