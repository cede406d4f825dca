import { WebSocket } from 'ws'

import { createClient } from '../../shared/transport/client'
import type { EventMessage, StudioClient } from '../../shared/transport/client'
import { SOCKET_PATH, TOKEN_PARAM } from '../../shared/transport/channels'
import type { Envelope } from '../../shared/transport/envelope'
import { decodeServerFrame, encodeRequest } from '../../shared/transport/socketFrames'

export type BridgeClient = StudioClient &
  Readonly<{
    /** Every event received so far, oldest first. */
    events: readonly EventMessage[]
    close(): Promise<void>
  }>

/**
 * A Node-side client of a running bridge over its WebSocket, typed by the contract through the
 * shared `createClient`: tests and the UI benchmark use it to seed data and watch events the way
 * the renderer does. `origin` is the bridge's `http://127.0.0.1:PORT`.
 */
export async function connectBridgeClient(origin: string, token: string): Promise<BridgeClient> {
  const socketUrl = `${origin.replace(/^http/, 'ws')}${SOCKET_PATH}?${TOKEN_PARAM}=${encodeURIComponent(token)}`
  const socket = new WebSocket(socketUrl, { origin })
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.once('error', reject)
    socket.once('unexpected-response', (_req, res) =>
      reject(new Error(`Bridge refused the WebSocket: HTTP ${res.statusCode}`)),
    )
  })
  let nextId = 1
  const pending = new Map<number, (envelope: Envelope<unknown>) => void>()
  const listeners = new Set<(message: EventMessage) => void>()
  const events: EventMessage[] = []
  socket.on('message', (data) => {
    const frame = decodeServerFrame(data.toString())
    if (frame === null) return
    if ('envelope' in frame) {
      pending.get(frame.id)?.(frame.envelope)
      pending.delete(frame.id)
    } else {
      const event = { event: frame.event, payload: frame.payload }
      events.push(event)
      for (const listener of [...listeners]) listener(event)
    }
  })
  socket.on('close', () => {
    for (const [id, resolve] of pending) {
      pending.delete(id)
      resolve({ ok: false, error: { code: 'INTERNAL', message: 'Bridge connection closed' } })
    }
  })
  const client = createClient({
    request(method, input) {
      const id = nextId++
      return new Promise((resolve) => {
        pending.set(id, resolve)
        socket.send(encodeRequest({ id, method, input }))
      })
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  })
  return {
    ...client,
    events,
    close() {
      if (socket.readyState === WebSocket.CLOSED) return Promise.resolve()
      return new Promise((resolve) => {
        socket.once('close', () => resolve())
        socket.close()
      })
    },
  }
}
