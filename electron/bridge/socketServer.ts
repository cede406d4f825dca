import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'

import { WebSocket, WebSocketServer } from 'ws'
import type { RawData } from 'ws'
import { z } from 'zod'

import type { Handlers } from '../../shared/contract'
import { dispatch } from '../../shared/transport/dispatch'
import { fail } from '../../shared/transport/envelope'
import type { Envelope } from '../../shared/transport/envelope'
import type { EventMessage } from '../../shared/transport/client'

/** A request frame as the renderer's socket transport sends it (TEAM.md wire protocol). */
const RequestFrame = z.object({ id: z.number().int(), method: z.string(), input: z.unknown() })

/** Large enough for a bulk relabel of 100,000 face ids, small enough to refuse junk. */
const MAX_FRAME_BYTES = 8 * 1024 * 1024

export type SocketServer = Readonly<{
  /** Completes an HTTP upgrade that has already been authorized. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void
  /** Sends an event to every open socket. */
  broadcast(message: EventMessage): void
  /** Number of open sockets (for tests and the health endpoint). */
  clientCount(): number
  /** Closes every socket and the server. */
  close(): Promise<void>
}>

function reply(socket: WebSocket, id: number, envelope: Envelope<unknown>): void {
  if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ id, envelope }))
}

/** Turns one incoming frame into a dispatch call; malformed frames get an INVALID_INPUT reply. */
async function handleFrame(
  socket: WebSocket,
  data: RawData,
  handlers: Handlers,
  log: (message: string) => void,
): Promise<void> {
  let raw: unknown
  try {
    raw = JSON.parse(data.toString())
  } catch {
    reply(socket, -1, fail('INVALID_INPUT', 'Frame is not JSON'))
    return
  }
  const frame = RequestFrame.safeParse(raw)
  if (!frame.success) {
    const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : -1
    reply(socket, id, fail('INVALID_INPUT', 'Frame must be { id: number, method: string, input }'))
    return
  }
  const { id, method, input } = frame.data
  reply(socket, id, await dispatch(handlers, method, input, { origin: 'bridge', log }))
}

/**
 * The bridge's WebSocket side: `{ id, method, input }` in, `{ id, envelope }` out through the same
 * `dispatch` Electron's IPC adapter uses, and `{ event, payload }` pushed to everyone. Requests run
 * concurrently; the id pairs each answer with its request.
 */
export function createSocketServer(
  handlers: Handlers,
  log: (message: string) => void,
): SocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES })
  wss.on('connection', (socket) => {
    socket.on('message', (data) => {
      handleFrame(socket, data, handlers, log).catch((err: unknown) => {
        log(`bridge: frame handling failed: ${String(err)}`)
      })
    })
    socket.on('error', (err) => log(`bridge: socket error: ${err.message}`))
  })
  return {
    handleUpgrade(request, socket, head) {
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request))
    },
    broadcast(message) {
      const text = JSON.stringify(message)
      for (const client of wss.clients) {
        if (client.readyState === WebSocket.OPEN) client.send(text)
      }
    },
    clientCount: () => wss.clients.size,
    close() {
      for (const client of wss.clients) client.terminate()
      return new Promise((resolve) => wss.close(() => resolve()))
    },
  }
}
