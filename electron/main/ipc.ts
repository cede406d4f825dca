import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'

import type { Handlers } from '../../shared/contract'
import { EVENT_CHANNEL, REQUEST_CHANNEL } from '../../shared/transport/channels'
import type { EventMessage } from '../../shared/transport/client'
import { dispatch } from '../../shared/transport/dispatch'
import { fail } from '../../shared/transport/envelope'
import type { Envelope } from '../../shared/transport/envelope'
import { validateSender } from './security'

/** The only channels between renderer and main, declared with the other wire names. */
export { EVENT_CHANNEL, REQUEST_CHANNEL }

/** What the request handler needs to know about the calling frame. */
export type SenderInfo = Readonly<{ frameUrl: string | null | undefined; isMainFrame: boolean }>

/**
 * The `studio:request` handler, free of Electron objects so it is tested under Node: validates
 * the sender (refusals are logged and answered UNAUTHORIZED, never thrown, since Electron keeps
 * only the message of a thrown error), then runs the one shared `dispatch`.
 */
export function createRequestHandler(
  deps: Readonly<{
    handlers: Handlers
    origins: readonly string[]
    log: (message: string) => void
  }>,
): (sender: SenderInfo, method: unknown, input: unknown) => Promise<Envelope<unknown>> {
  return async (sender, method, input) => {
    if (!validateSender(sender.frameUrl, sender.isMainFrame, deps.origins)) {
      deps.log(
        `ipc: refused ${String(method)} from ${sender.frameUrl ?? 'unknown frame'} (main frame: ${sender.isMainFrame})`,
      )
      return fail('UNAUTHORIZED', 'This frame may not use the studio backend')
    }
    if (typeof method !== 'string') return fail('UNKNOWN_METHOD', 'Method name must be a string')
    return dispatch(deps.handlers, method, input, { origin: 'electron', log: deps.log })
  }
}

/** Reads what validation needs from Electron's event (senderFrame is null once the frame is gone). */
export function senderInfo(event: IpcMainInvokeEvent): SenderInfo {
  const frame = event.senderFrame
  // A frame without a parent is the window's main frame; iframes always have one.
  return { frameUrl: frame?.url, isMainFrame: frame !== null && frame.parent === null }
}

/** Registers the request channel; returns the function that removes it. */
export function registerIpc(
  ipcMain: IpcMain,
  deps: Readonly<{
    handlers: Handlers
    origins: readonly string[]
    log: (message: string) => void
  }>,
): () => void {
  const handle = createRequestHandler(deps)
  ipcMain.handle(REQUEST_CHANNEL, (event, method: unknown, input: unknown) =>
    handle(senderInfo(event), method, input),
  )
  return () => ipcMain.removeHandler(REQUEST_CHANNEL)
}

/** Sends an event to a window's renderer unless the window is gone. */
export function sendEvent(contents: WebContents | null, message: EventMessage): void {
  if (contents !== null && !contents.isDestroyed()) contents.send(EVENT_CHANNEL, message)
}
