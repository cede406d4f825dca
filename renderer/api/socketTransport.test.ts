import { describe, expect, it } from 'vitest'

import { bridgeSocketUrl, createSocketTransport } from './socketTransport'
import type { SocketLike } from './socketTransport'

/** A WebSocket stand-in the test drives by hand. */
class FakeSocket implements SocketLike {
  readyState = 0
  sent: unknown[] = []
  onopen: ((event: Event) => void) | null = null
  onclose: ((event: CloseEvent) => void) | null = null
  onerror: ((event: Event) => void) | null = null
  onmessage: ((event: MessageEvent) => void) | null = null
  constructor(readonly url: string) {}
  send(data: string): void {
    this.sent.push(JSON.parse(data))
  }
  close(): void {
    this.drop()
  }
  open(): void {
    this.readyState = 1
    this.onopen?.({} as Event)
  }
  receive(message: unknown): void {
    this.onmessage?.({ data: JSON.stringify(message) } as MessageEvent)
  }
  drop(): void {
    this.readyState = 3
    this.onclose?.({} as CloseEvent)
  }
}

function setup() {
  const sockets: FakeSocket[] = []
  const timers: { fn: () => void; ms: number }[] = []
  const transport = createSocketTransport({
    url: 'ws://127.0.0.1:9/ws',
    createSocket: (url) => {
      const socket = new FakeSocket(url)
      sockets.push(socket)
      return socket
    },
    setTimer: (fn, ms) => timers.push({ fn, ms }),
    initialDelayMs: 100,
    maxDelayMs: 400,
  })
  return { transport, sockets, timers }
}

describe('socketTransport', () => {
  it('queues requests until the socket opens, then answers each by its id', async () => {
    const { transport, sockets } = setup()
    const first = transport.request('datasets.list', {})
    const second = transport.request('app.getInfo', {})
    const socket = sockets[0] as FakeSocket
    expect(socket.sent).toEqual([])
    socket.open()
    expect(socket.sent).toEqual([
      { id: 1, method: 'datasets.list', input: {} },
      { id: 2, method: 'app.getInfo', input: {} },
    ])
    socket.receive({ id: 2, envelope: { ok: true, value: 'info' } })
    socket.receive({ id: 1, envelope: { ok: true, value: [] } })
    expect(await first).toEqual({ ok: true, value: [] })
    expect(await second).toEqual({ ok: true, value: 'info' })
  })

  it('passes pushed events to subscribers until they unsubscribe', () => {
    const { transport, sockets } = setup()
    const seen: unknown[] = []
    const off = transport.subscribe((m) => seen.push(m))
    const socket = sockets[0] as FakeSocket
    socket.open()
    socket.receive({ event: 'datasets.changed', payload: { datasetId: 3 } })
    off()
    socket.receive({ event: 'datasets.changed', payload: { datasetId: 4 } })
    expect(seen).toEqual([{ event: 'datasets.changed', payload: { datasetId: 3 } }])
  })

  it('answers requests in flight with INTERNAL when the connection drops, then reconnects with backoff', async () => {
    const { transport, sockets, timers } = setup()
    const statuses: string[] = []
    transport.onStatus((s) => statuses.push(s))
    const pending = transport.request('datasets.list', {})
    ;(sockets[0] as FakeSocket).open()
    ;(sockets[0] as FakeSocket).drop()
    const envelope = await pending
    expect(envelope.ok).toBe(false)
    if (!envelope.ok) {
      expect(envelope.error.code).toBe('INTERNAL')
      expect(envelope.error.message).toContain('datasets.list')
    }
    expect(timers.map((t) => t.ms)).toEqual([100])
    timers[0]?.fn()
    expect(sockets).toHaveLength(2)
    ;(sockets[1] as FakeSocket).drop()
    timers[1]?.fn()
    ;(sockets[2] as FakeSocket).drop()
    timers[2]?.fn()
    ;(sockets[3] as FakeSocket).drop()
    expect(timers.map((t) => t.ms)).toEqual([100, 200, 400, 400])
    // A request made while disconnected waits in the queue for the next connection.
    const later = transport.request('app.getInfo', {})
    expect(sockets).toHaveLength(4)
    timers[3]?.fn()
    const socket = sockets[4] as FakeSocket
    socket.open()
    expect(socket.sent).toEqual([{ id: 2, method: 'app.getInfo', input: {} }])
    socket.receive({ id: 2, envelope: { ok: true, value: 1 } })
    expect(await later).toEqual({ ok: true, value: 1 })
    expect(statuses).toContain('closed')
    expect(statuses[statuses.length - 1]).toBe('open')
  })

  it('keeps a request that was never sent for the next connection instead of failing it', async () => {
    const { transport, sockets, timers } = setup()
    const queued = transport.request('labels.undo', { datasetId: 1 })
    ;(sockets[0] as FakeSocket).drop()
    timers[0]?.fn()
    const socket = sockets[1] as FakeSocket
    socket.open()
    expect(socket.sent).toEqual([{ id: 1, method: 'labels.undo', input: { datasetId: 1 } }])
    socket.receive({ id: 1, envelope: { ok: true, value: 'done' } })
    expect(await queued).toEqual({ ok: true, value: 'done' })
  })

  it('ignores frames that are not JSON or answer nothing pending', () => {
    const { transport, sockets } = setup()
    const seen: unknown[] = []
    transport.subscribe((m) => seen.push(m))
    const socket = sockets[0] as FakeSocket
    socket.open()
    socket.onmessage?.({ data: 'not json' } as MessageEvent)
    socket.receive({ id: 99, envelope: { ok: true, value: 1 } })
    expect(seen).toEqual([])
  })

  it('builds the bridge URL from the page, carrying its token', () => {
    expect(
      bridgeSocketUrl({ protocol: 'http:', host: '127.0.0.1:5000', search: '?token=a b' }),
    ).toBe('ws://127.0.0.1:5000/ws?token=a%20b')
    expect(bridgeSocketUrl({ protocol: 'https:', host: 'box:443', search: '' })).toBe(
      'wss://box:443/ws',
    )
  })
})
