import { SOCKET_PATH, TOKEN_PARAM } from '../../shared/transport/channels'
import type { Envelope } from '../../shared/transport/envelope'
import { decodeServerFrame, encodeRequest } from '../../shared/transport/socketFrames'
import type { ConnectionStatus, EventMessage, StatusTransport } from './transport'

/** The parts of the browser's WebSocket the transport uses, so tests can pass a fake. */
export interface SocketLike {
  readonly readyState: number
  send(data: string): void
  close(): void
  onopen: ((event: Event) => void) | null
  onclose: ((event: CloseEvent) => void) | null
  onerror: ((event: Event) => void) | null
  onmessage: ((event: MessageEvent) => void) | null
}

export type SocketTransportDeps = Readonly<{
  url: string
  createSocket?: (url: string) => SocketLike
  setTimer?: (fn: () => void, ms: number) => unknown
  /** First reconnect delay; doubles up to `maxDelayMs`. */
  initialDelayMs?: number
  maxDelayMs?: number
}>

const OPEN = 1

type Pending = { resolve: (envelope: Envelope<unknown>) => void; method: string; sent: boolean }

/**
 * The bridge's wire protocol (shared/transport/socketFrames.ts): `{ id, method, input }` out, `{ id, envelope }` back,
 * `{ event, payload }` pushed. Connects on first use, queues sends until the socket is open,
 * reconnects with exponential backoff, and answers every request in flight with INTERNAL when the
 * connection drops (the server cannot answer it any more, and a caller must not hang). Requests
 * still queued, never sent, wait for the next connection instead: failing them would let the UI
 * undo an action the server then performs.
 */
export function createSocketTransport(deps: SocketTransportDeps): StatusTransport {
  const createSocket = deps.createSocket ?? ((url: string) => new WebSocket(url))
  const setTimer = deps.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms))
  const initialDelay = deps.initialDelayMs ?? 250
  const maxDelay = deps.maxDelayMs ?? 5000

  let socket: SocketLike | null = null
  let status: ConnectionStatus = 'closed'
  let delay = initialDelay
  let reconnectScheduled = false
  let nextId = 1
  const queue: { id: number; frame: string }[] = []
  const pending = new Map<number, Pending>()
  const listeners = new Set<(message: EventMessage) => void>()
  const statusListeners = new Set<(status: ConnectionStatus) => void>()

  const setStatus = (next: ConnectionStatus): void => {
    if (next === status) return
    status = next
    for (const listener of [...statusListeners]) listener(next)
  }

  const flush = (): void => {
    while (socket?.readyState === OPEN && queue.length > 0) {
      const next = queue.shift() as { id: number; frame: string }
      socket.send(next.frame)
      const entry = pending.get(next.id)
      if (entry !== undefined) entry.sent = true
    }
  }

  const handleMessage = (raw: unknown): void => {
    if (typeof raw !== 'string') return
    const frame = decodeServerFrame(raw)
    if (frame === null) return
    if ('envelope' in frame) {
      const entry = pending.get(frame.id)
      if (entry === undefined) return
      pending.delete(frame.id)
      entry.resolve(frame.envelope)
    } else {
      const event: EventMessage = { event: frame.event, payload: frame.payload }
      for (const listener of [...listeners]) listener(event)
    }
  }

  const connect = (): void => {
    // While a reconnect is scheduled, requests wait in the queue for it (the backoff holds).
    if (socket !== null || reconnectScheduled) return
    setStatus('connecting')
    const current = createSocket(deps.url)
    socket = current
    current.onopen = () => {
      delay = initialDelay
      setStatus('open')
      flush()
    }
    current.onmessage = (event) => handleMessage(event.data)
    current.onerror = () => {}
    current.onclose = () => {
      if (socket !== current) return
      socket = null
      setStatus('closed')
      for (const [id, entry] of pending) {
        if (!entry.sent) continue
        pending.delete(id)
        entry.resolve({
          ok: false,
          error: {
            code: 'INTERNAL',
            message: `Connection to the studio backend closed during ${entry.method}`,
          },
        })
      }
      scheduleReconnect()
    }
  }

  const scheduleReconnect = (): void => {
    if (reconnectScheduled) return
    reconnectScheduled = true
    const wait = delay
    delay = Math.min(delay * 2, maxDelay)
    setTimer(() => {
      reconnectScheduled = false
      connect()
    }, wait)
  }

  return {
    get status() {
      return status
    },
    request(method, input) {
      connect()
      const id = nextId++
      return new Promise((resolve) => {
        pending.set(id, { resolve, method, sent: false })
        queue.push({ id, frame: encodeRequest({ id, method, input }) })
        flush()
      })
    },
    subscribe(listener) {
      connect()
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    onStatus(listener) {
      statusListeners.add(listener)
      return () => statusListeners.delete(listener)
    },
  }
}

/**
 * `ws(s)://<this page's host>/ws`, carrying the page's `?token=` along when it still has one (the
 * cookie did not work, see bridgeAddress.ts); otherwise the cookie authorizes the upgrade.
 */
export function bridgeSocketUrl(location: Pick<Location, 'protocol' | 'host' | 'search'>): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
  const token = new URLSearchParams(location.search).get(TOKEN_PARAM)
  return (
    `${scheme}://${location.host}${SOCKET_PATH}` +
    (token ? `?${TOKEN_PARAM}=${encodeURIComponent(token)}` : '')
  )
}
