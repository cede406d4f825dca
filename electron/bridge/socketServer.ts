import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'

import { WebSocket, WebSocketServer } from 'ws'
import type { RawData } from 'ws'

import type { Handlers } from '../../shared/contract'
import { dispatch } from '../../shared/transport/dispatch'
import type { EventMessage } from '../../shared/transport/client'
import { fail } from '../../shared/transport/envelope'
import type { Envelope } from '../../shared/transport/envelope'
import { decodeRequestFrame, encodeAnswer, encodeEvent } from '../../shared/transport/socketFrames'

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
  if (socket.readyState === WebSocket.OPEN) socket.send(encodeAnswer(id, envelope))
}

/** Turns one incoming frame into a dispatch call; malformed frames get an INVALID_INPUT reply. */
async function handleFrame(
  socket: WebSocket,
  data: RawData,
  handlers: Handlers,
  log: (message: string) => void,
): Promise<void> {
  const decoded = decodeRequestFrame(data.toString())
  if (!decoded.ok) {
    reply(socket, decoded.id, fail('INVALID_INPUT', decoded.message))
    return
  }
  const { id, method, input } = decoded.frame
  reply(socket, id, await dispatch(handlers, method, input, { origin: 'bridge', log }))
}

/**
 * The bridge's WebSocket side (frames in shared/transport/socketFrames.ts): each request goes
 * through the same `dispatch` Electron's IPC adapter uses, and events are pushed to everyone. Requests run
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
      const text = encodeEvent(message.event, message.payload)
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
