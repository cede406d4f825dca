import { request } from 'node:http'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { networkInterfaces, tmpdir } from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'

import type { EventMessage } from '../../shared/transport/client'
import { createServices } from '../services/createServices'
import type { Services } from '../services/createServices'
import { createWorkerThreadHost } from '../training/main/workerThreadHost'
import { connectBridgeClient } from './bridgeClient'
import type { BridgeClient } from './bridgeClient'
import { startBridgeServer } from './createBridgeServer'
import type { BridgeServer } from './createBridgeServer'
import { tokenCookieName } from './requestAuth'
import { createToken } from './token'
import { writeFer2013Csv } from './writeFer2013Csv'

/** A real bridge over real services on a temp store, talked to over real HTTP and WebSockets. */

type HttpResult = {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

function get(
  port: number,
  target: string,
  headers: Record<string, string> = {},
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: target, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      )
    })
    req.on('error', reject)
    req.end()
  })
}

/** Opens a WebSocket and resolves with it, or with the HTTP status the upgrade was refused with. */
function openSocket(
  url: string,
  headers: Record<string, string> = {},
): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers })
    socket.once('open', () => resolve(socket))
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
    socket.once('error', reject)
  })
}

function sendRaw(socket: WebSocket, text: string): Promise<unknown> {
  return new Promise((resolve) => {
    socket.once('message', (data) => resolve(JSON.parse(data.toString())))
    socket.send(text)
  })
}

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

let dir: string
let services: Services
let bridge: BridgeServer
let token: string
let client: BridgeClient
let origin: string

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'fer-bridge-test-'))
  const rendererDir = path.join(dir, 'renderer')
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true })
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>FER Studio</title>')
  writeFileSync(path.join(rendererDir, 'assets/app.js'), 'console.log(1)')
  writeFileSync(path.join(dir, 'secret.txt'), 'secret')
  token = createToken()
  let server: BridgeServer | null = null
  services = createServices({
    dataDir: path.join(dir, 'data'),
    shell: 'bridge',
    emit: (event, payload) => server?.broadcast({ event, payload }),
    log: () => undefined,
    createHost: () => createWorkerThreadHost(),
  })
  bridge = await startBridgeServer({
    handlers: services.handlers,
    media: services.media,
    rendererDir,
    host: '127.0.0.1',
    port: 0,
    token,
    log: () => undefined,
  })
  server = bridge
  origin = `http://127.0.0.1:${bridge.port}`
  client = await connectBridgeClient(origin, token)
})

afterAll(async () => {
  await client?.close()
  await bridge?.close()
  await services?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('the bridge over HTTP', () => {
  it('prints a loopback URL with the token', () => {
    expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}/?token=${token}`)
  })

  it('refuses every path without the token (401) and serves it with the token', async () => {
    for (const target of ['/', '/healthz', '/assets/app.js', '/media/face/1.png', '/ws']) {
      expect((await get(bridge.port, target)).status, target).toBe(401)
    }
    const page = await get(bridge.port, `/?token=${token}`)
    expect(page.status).toBe(200)
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
    expect(page.headers['x-content-type-options']).toBe('nosniff')
    expect(page.body.toString()).toContain('FER Studio')
    const script = await get(bridge.port, `/assets/app.js?token=${token}`)
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8')
  })

  it('sets an HttpOnly SameSite=Strict cookie that then stands in for the token', async () => {
    const page = await get(bridge.port, `/?token=${token}`)
    const setCookie = String(page.headers['set-cookie'])
    expect(setCookie).toContain(`${tokenCookieName(bridge.port)}=${token}`)
    expect(setCookie).toContain('HttpOnly')
    expect(setCookie).toContain('SameSite=Strict')
    const cookie = setCookie.split(';')[0] ?? ''
    expect((await get(bridge.port, '/healthz', { cookie })).status).toBe(200)
    expect(
      (await get(bridge.port, '/healthz', { cookie: `${tokenCookieName(bridge.port)}=nope` }))
        .status,
    ).toBe(401)
  })

  it('refuses a foreign Host header (DNS rebinding) even with the token', async () => {
    const res = await get(bridge.port, `/?token=${token}`, { host: `evil.example:${bridge.port}` })
    expect(res.status).toBe(403)
  })

  it('never serves files outside the renderer folder', async () => {
    for (const target of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const res = await get(bridge.port, `${target}?token=${token}`)
      expect(res.status, target).toBe(404)
      expect(res.body.toString()).not.toContain('secret')
    }
  })

  it('listens on 127.0.0.1 only', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((info) => info !== undefined && info.family === 'IPv4' && !info.internal)
    if (external === undefined) return // no other interface on this machine to try
    await expect(
      new Promise((resolve, reject) => {
        const req = request({ host: external.address, port: bridge.port, path: '/' }, resolve)
        req.on('error', reject)
        req.end()
      }),
    ).rejects.toThrow(/ECONNREFUSED/)
  })
})

describe('the contract over the WebSocket', () => {
  it('needs the token and our own origin to upgrade', async () => {
    expect(await openSocket(`ws://127.0.0.1:${bridge.port}/ws`)).toBe(401)
    expect(
      await openSocket(`ws://127.0.0.1:${bridge.port}/ws?token=${token}`, {
        origin: 'http://evil.example',
      }),
    ).toBe(403)
    const ok = await openSocket(`ws://127.0.0.1:${bridge.port}/ws`, {
      cookie: `${tokenCookieName(bridge.port)}=${token}`,
      origin,
    })
    expect(ok).toBeInstanceOf(WebSocket)
    ;(ok as WebSocket).close()
  })

  it('dispatches methods and returns failures as data', async () => {
    const info = await client.call('app.getInfo', {})
    expect(info).toMatchObject({ shell: 'bridge', dataDir: services.dataDir })
    const socket = (await openSocket(
      `ws://127.0.0.1:${bridge.port}/ws?token=${token}`,
    )) as WebSocket
    try {
      expect(
        await sendRaw(socket, JSON.stringify({ id: 1, method: 'nope.nothing', input: {} })),
      ).toMatchObject({
        id: 1,
        envelope: { ok: false, error: { code: 'UNKNOWN_METHOD' } },
      })
      expect(
        await sendRaw(
          socket,
          JSON.stringify({ id: 2, method: 'datasets.get', input: { datasetId: 'x' } }),
        ),
      ).toMatchObject({
        id: 2,
        envelope: { ok: false, error: { code: 'INVALID_INPUT' } },
      })
      expect(
        await sendRaw(
          socket,
          JSON.stringify({ id: 3, method: 'datasets.get', input: { datasetId: 999 } }),
        ),
      ).toMatchObject({
        id: 3,
        envelope: { ok: false, error: { code: 'NOT_FOUND' } },
      })
      expect(await sendRaw(socket, 'not json')).toMatchObject({
        id: -1,
        envelope: { ok: false, error: { code: 'INVALID_INPUT' } },
      })
      expect(await sendRaw(socket, JSON.stringify({ id: 'x' }))).toMatchObject({
        envelope: { ok: false },
      })
    } finally {
      socket.close()
    }
  })

  it('broadcasts events to every socket and serves imported faces as PNGs by id', async () => {
    const csv = path.join(dir, 'small.csv')
    const rows = await writeFer2013Csv(csv, { perClass: 4 })
    const other = await connectBridgeClient(origin, token)
    const otherEvents: EventMessage[] = []
    other.on('datasets.importFinished', (payload) =>
      otherEvents.push({ event: 'datasets.importFinished', payload }),
    )
    const finished = new Promise<void>((resolve) =>
      client.on('datasets.importFinished', () => resolve()),
    )
    const { jobId } = await client.call('datasets.import', { path: csv, name: 'small' })
    await finished
    await expect.poll(() => otherEvents.length).toBe(1)
    expect(otherEvents[0]?.payload).toMatchObject({ jobId, report: { imported: rows } })
    await other.close()

    const [dataset] = await client.call('datasets.list', {})
    expect(dataset?.faceCount).toBe(rows)
    const { ids } = await client.call('faces.query', { datasetId: dataset!.id })
    const png = await get(bridge.port, `/media/face/${ids[0]}.png?token=${token}`)
    expect(png.status).toBe(200)
    expect(png.headers['content-type']).toBe('image/png')
    expect(png.body.subarray(0, 8)).toEqual(PNG_MAGIC)
    expect(png.body.readUInt32BE(16)).toBe(48) // IHDR width
    // Revalidated by ETag (face ids can be reused), answered 304 when unchanged.
    expect(png.headers['cache-control']).toBe('private, no-cache')
    const etag = String(png.headers.etag)
    const again = await get(bridge.port, `/media/face/${ids[0]}.png?token=${token}`, {
      'if-none-match': etag,
    })
    expect(again.status).toBe(304)
    expect(again.body.length).toBe(0)
    const large = await get(bridge.port, `/media/face/${ids[0]}.png?size=144&token=${token}`)
    expect(large.body.readUInt32BE(16)).toBe(144)

    expect((await get(bridge.port, `/media/face/987654.png?token=${token}`)).status).toBe(404)
    expect((await get(bridge.port, `/media/face/abc.png?token=${token}`)).status).toBe(404)
    expect((await get(bridge.port, `/media/../../secret.txt?token=${token}`)).status).toBe(404)
    expect((await get(bridge.port, `/media/face/${ids[0]}.png?size=5&token=${token}`)).status).toBe(
      400,
    )
  })
})
