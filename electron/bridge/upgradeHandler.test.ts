import type { IncomingMessage } from 'node:http'
import { PassThrough } from 'node:stream'

import { describe, expect, it } from 'vitest'

import { createUpgradeHandler } from './upgradeHandler'

const TOKEN = 'b'.repeat(64)
const auth = { token: TOKEN, port: 4321, allowedHostnames: ['127.0.0.1'] }

function request(url: string): IncomingMessage {
  return { url, headers: { host: '127.0.0.1:4321' } } as unknown as IncomingMessage
}

/** A socket stand-in that records what the handler writes. */
function fakeSocket() {
  const socket = new PassThrough()
  let written = ''
  socket.on('data', (chunk: Buffer) => (written += chunk.toString()))
  return { socket, written: () => written }
}

describe('createUpgradeHandler', () => {
  it('answers 400, 401 and 404 without reaching the WebSocket server', () => {
    let upgraded = 0
    const handle = createUpgradeHandler({
      auth,
      sockets: { handleUpgrade: () => void upgraded++ },
      log: () => undefined,
    })
    for (const [url, status] of [
      ['http://[', '400 Bad Request'],
      ['/ws', '401 Unauthorized'],
      [`/other?token=${TOKEN}`, '404 Not Found'],
    ] as const) {
      const { socket, written } = fakeSocket()
      handle(request(url), socket, Buffer.alloc(0))
      expect(written(), url).toMatch(new RegExp(`^HTTP/1\\.1 ${status}\\r\\n`))
    }
    expect(upgraded).toBe(0)
  })

  it('answers 500 when the upgrade itself throws, and logs it without the token', () => {
    const logged: string[] = []
    const handle = createUpgradeHandler({
      auth,
      sockets: {
        handleUpgrade: () => {
          throw new Error('ws broke')
        },
      },
      log: (message) => logged.push(message),
    })
    const { socket, written } = fakeSocket()
    handle(request(`/ws?token=${TOKEN}`), socket, Buffer.alloc(0))
    expect(written()).toMatch(/^HTTP\/1\.1 500 Internal Server Error\r\n/)
    expect(logged).toHaveLength(1)
    expect(logged[0]).toContain('ws broke')
    expect(logged[0]).toContain('/ws?token=<redacted>')
    expect(logged[0]).not.toContain(TOKEN)
  })
})
