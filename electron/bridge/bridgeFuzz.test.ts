import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createServices } from '../services/createServices'
import type { Services } from '../services/createServices'
import { createWorkerThreadHost } from '../training/main/workerThreadHost'
import { connectBridgeClient } from './bridgeClient'
import { startBridgeServer } from './createBridgeServer'
import type { BridgeServer } from './createBridgeServer'
import { tokenCookieName } from './requestAuth'
import { createToken } from './token'

/**
 * Raw, malformed HTTP requests and WebSocket upgrades against a real bridge, written byte for
 * byte over TCP: every one must be answered (or closed) without a 5xx, and the server must keep
 * serving. The requests come from a seeded generator, so a failure reproduces exactly.
 */

/** mulberry32: a tiny seeded generator, enough to pick request pieces reproducibly. */
function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Pick = <T>(items: readonly T[]) => T

/**
 * Sends raw bytes and collects what comes back: the client half-closes once the answer starts (or
 * after a pause, for requests the server is still waiting on), then waits for the server to close.
 */
function exchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    const socket = connect({ host: '127.0.0.1', port })
    const pause = setTimeout(() => socket.end(), 400)
    const timer = setTimeout(() => socket.destroy(), 2000)
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk)
      clearTimeout(pause)
      socket.end()
    })
    socket.on('error', () => undefined)
    socket.on('close', () => {
      clearTimeout(pause)
      clearTimeout(timer)
      resolve(Buffer.concat(chunks).toString('latin1'))
    })
    socket.write(bytes, 'latin1')
  })
}

const WS_KEY = 'dGhlIHNhbXBsZSBub25jZQ=='

/** Pieces to build requests from: each list mixes good values with broken ones. */
function requestPieces(port: number, token: string) {
  return {
    methods: ['GET', 'GET', 'HEAD', 'POST', 'PUT', 'OPTIONS', 'CONNECT', 'get', 'G ET', '\x00GET'],
    targets: [
      'http://[',
      'http://[::1',
      'ws://[',
      'http://a b/',
      'http:',
      '*',
      '//',
      '/%',
      '/%zz?token=%',
      '?',
      '/ws#x',
      '/ws',
      '/ws?token=',
      `/ws?token=${token}`,
      `/?token=${token}`,
      `/healthz?token=${token}&token=x`,
      `http://127.0.0.1:${port}/ws?token=${token}`,
      `http://[::1]:99999/?token=${token}`,
      `/media/?token=${token}`,
      `/media/face/1.png?token=${token}`,
      `/media/face/-1.png?size=99999999999&token=${token}`,
      `/media/face/%00.png?token=${token}`,
      `/media/strip/x?token=${token}`,
      `/media/..%2f..%2fetc/passwd?token=${token}`,
      `/\u00ff\u00fe?token=${token}`,
      `/${'a'.repeat(3000)}?token=${token}`,
      `/assets/${'%2e'.repeat(50)}?token=${token}`,
    ],
    versions: ['HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/1.', 'HTTP/9.9', '', 'X'],
    hosts: ['[', '', `evil.example:${port}`, `127.0.0.1:${port}:1`, `[::1]:${port}`, 'localhost'],
    headers: [
      'Upgrade: \x01\x02',
      'Connection: keep-alive, Upgrade',
      'Sec-WebSocket-Key: not a key',
      'Sec-WebSocket-Version: 99',
      'Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=99',
      'Origin: http://[',
      'Origin: null',
      `Origin: http://127.0.0.1:${port}`,
      `Cookie: ${tokenCookieName(port)}=${token}`,
      `Cookie: =;;=; ${tokenCookieName(port)}`,
      'Content-Length: -1',
      'Content-Length: abc',
      'Content-Length: 10',
      'Transfer-Encoding: chunked',
      'Transfer-Encoding: chunked, identity',
      'If-None-Match: "x',
      'no colon here',
      ' folded continuation',
      'X-Nul: a\x00b',
      `X-Long: ${'x'.repeat(20000)}`,
      ': empty name',
    ],
    bodies: ['abc', '5\r\nhello\r\nzz\r\n', '\x00\x01\x02', 'x'.repeat(50)],
    terminators: ['\n\n', '\r\n', ''],
  }
}

/**
 * A well-formed authorized request (half of them WebSocket upgrades) with one to three pieces
 * broken, so that some fail in Node's parser and others reach our handlers.
 */
function malformedRequest(pick: Pick, chance: (p: number) => boolean, port: number, token: string) {
  const pieces = requestPieces(port, token)
  let method = 'GET'
  let target = `/healthz?token=${token}`
  let version = 'HTTP/1.1'
  let host: string | null = `127.0.0.1:${port}`
  const headers: string[] = []
  let body = ''
  let terminator = '\r\n\r\n'
  if (chance(0.5)) {
    target = `/ws?token=${token}`
    headers.push('Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Key: ${WS_KEY}`)
    headers.push('Sec-WebSocket-Version: 13')
  }
  const mutations = 1 + Math.floor(pick([0, 1, 2]))
  for (let i = 0; i < mutations; i += 1) {
    const what = pick([
      'method',
      'target',
      'target',
      'target',
      'version',
      'host',
      'header',
      'header',
    ])
    if (what === 'method') method = pick(pieces.methods)
    else if (what === 'target') target = pick(pieces.targets)
    else if (what === 'version') version = pick(pieces.versions)
    else if (what === 'host') host = chance(0.2) ? null : pick(pieces.hosts)
    else headers.push(pick(pieces.headers))
  }
  if (chance(0.1)) body = pick(pieces.bodies)
  if (chance(0.05)) terminator = pick(pieces.terminators)
  const lines = [`${method} ${target} ${version}`, ...(host === null ? [] : [`Host: ${host}`])]
  return [...lines, ...headers].join('\r\n') + terminator + body
}

let dir: string
let services: Services
let bridge: BridgeServer
let token: string
const logged: string[] = []

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'fer-bridge-fuzz-'))
  token = createToken()
  mkdirSync(path.join(dir, 'renderer'))
  writeFileSync(
    path.join(dir, 'renderer', 'index.html'),
    '<!doctype html><title>FER Studio</title>',
  )
  services = createServices({
    dataDir: path.join(dir, 'data'),
    shell: 'bridge',
    emit: () => undefined,
    log: () => undefined,
    createHost: () => createWorkerThreadHost(),
  })
  bridge = await startBridgeServer({
    handlers: services.handlers,
    media: services.media,
    rendererDir: path.join(dir, 'renderer'),
    host: '127.0.0.1',
    port: 0,
    token,
    log: (message) => logged.push(message),
  })
})

afterAll(async () => {
  await bridge?.close()
  await services?.close()
  rmSync(dir, { recursive: true, force: true })
})

async function stillServes(): Promise<void> {
  const answer = await exchange(
    bridge.port,
    `GET /healthz?token=${token} HTTP/1.1\r\nHost: 127.0.0.1:${bridge.port}\r\nConnection: close\r\n\r\n`,
  )
  expect(answer).toMatch(/^HTTP\/1\.1 200 /)
  const client = await connectBridgeClient(`http://127.0.0.1:${bridge.port}`, token)
  try {
    expect(await client.call('app.getInfo', {})).toMatchObject({ shell: 'bridge' })
  } finally {
    await client.close()
  }
}

describe('the bridge under malformed requests', () => {
  it('answers an unparsable target with 400, as a request and as an upgrade', async () => {
    const host = `Host: 127.0.0.1:${bridge.port}`
    const upgrade = `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${WS_KEY}\r\nSec-WebSocket-Version: 13`
    for (const head of [
      `GET http://[ HTTP/1.1\r\n${host}\r\n${upgrade}`,
      `GET http://[ HTTP/1.1\r\n${host}\r\nConnection: close`,
      `GET http://[?token=${token} HTTP/1.1\r\n${host}\r\n${upgrade}`,
    ]) {
      expect(await exchange(bridge.port, `${head}\r\n\r\n`), head).toMatch(/^HTTP\/1\.1 400 /)
    }
    await stillServes()
  })

  it('survives a few hundred seeded malformed requests and upgrades without a 5xx', async () => {
    const random = seeded(20261207)
    const pick: Pick = (items) => items[Math.floor(random() * items.length)]!
    const chance = (p: number) => random() < p
    const requests = Array.from({ length: 320 }, () =>
      malformedRequest(pick, chance, bridge.port, token),
    )
    const answers: string[] = []
    for (let i = 0; i < requests.length; i += 32) {
      const batch = requests.slice(i, i + 32)
      answers.push(...(await Promise.all(batch.map((bytes) => exchange(bridge.port, bytes)))))
    }
    const statuses = answers.map((answer) => /^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? 'none')
    const serverErrors = statuses.flatMap((status, i) =>
      status.startsWith('5') ? [`${status} for ${JSON.stringify(requests[i]?.slice(0, 200))}`] : [],
    )
    expect(serverErrors).toEqual([])
    // Every complete request gets an answer; only the truncated ones may go unanswered.
    const unanswered = requests.filter(
      (request, i) => statuses[i] === 'none' && request.includes('\r\n\r\n'),
    )
    expect(unanswered).toEqual([])
    // Most requests are answered with a status; the rest were closed after a clean refusal.
    expect(statuses.filter((status) => status === '400').length).toBeGreaterThan(50)
    await stillServes()
    expect(logged.join('\n')).not.toContain(token)
  }, 30_000)
})
