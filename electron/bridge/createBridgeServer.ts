import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'

import type { Handlers } from '../../shared/contract'
import { BRIDGE_MEDIA_PREFIX, HEALTH_PATH, SOCKET_PATH } from '../../shared/transport/channels'
import type { EventMessage } from '../../shared/transport/client'
import { internalError } from '../../shared/transport/envelope'
import { buildCsp } from '../main/csp'
import { resolveRendererFile } from '../main/rendererFiles'
import type { MediaService } from '../services/mediaService'
import { clientErrorStatus, rawStatusReply } from './rawReplies'
import { LOOPBACK_HOSTNAMES, authorizeRequest } from './requestAuth'
import type { AuthConfig } from './requestAuth'
import { parseRequestTarget, redactToken } from './requestTarget'
import { createSocketServer } from './socketServer'
import { createUpgradeHandler } from './upgradeHandler'

export type BridgeOptions = Readonly<{
  handlers: Handlers
  media: MediaService
  /** The built renderer (out/renderer). */
  rendererDir: string
  /** Address to listen on; 127.0.0.1 unless the user asked otherwise. */
  host: string
  /** 0 picks a free port. */
  port: number
  token: string
  log: (message: string) => void
}>

export type BridgeServer = Readonly<{
  host: string
  port: number
  /** The address to open, with its token: `http://127.0.0.1:PORT/?token=T`. */
  url: string
  broadcast(message: EventMessage): void
  close(): Promise<void>
}>

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]'])

/** The name the printed URL uses for a listen address (a wildcard is reached via loopback). */
function urlHostFor(host: string): string {
  if (WILDCARD_HOSTS.has(host)) return '127.0.0.1'
  return host.includes(':') ? `[${host}]` : host
}

function securityHeaders(port: number): OutgoingHttpHeaders {
  return {
    'Content-Security-Policy': buildCsp({
      connectSources: [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`],
    }),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  }
}

function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: OutgoingHttpHeaders,
): void {
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
  })
  res.end(text)
}

async function serveRendererFile(
  res: ServerResponse,
  options: BridgeOptions,
  pathname: string,
  headers: OutgoingHttpHeaders,
  isHead: boolean,
): Promise<void> {
  const file = resolveRendererFile(options.rendererDir, pathname)
  if (file === null) return sendText(res, 404, 'Not found', headers)
  const info = await stat(file.filePath).catch(() => null)
  if (info === null || !info.isFile()) {
    if (pathname === '/' || file.isFallback) {
      return sendText(
        res,
        503,
        `The renderer is not built (${options.rendererDir} is missing): run \`npm run build:renderer\`.`,
        headers,
      )
    }
    return sendText(res, 404, 'Not found', headers)
  }
  // index.html must be re-fetched so a rebuilt renderer is picked up; hashed assets may be cached.
  const isHtml = file.contentType.startsWith('text/html')
  res.writeHead(200, {
    ...headers,
    'Content-Type': file.contentType,
    'Content-Length': info.size,
    'Cache-Control': isHtml ? 'no-cache' : 'private, max-age=3600',
  })
  if (isHead) return void res.end()
  createReadStream(file.filePath).pipe(res)
}

async function handleHttp(
  req: IncomingMessage,
  res: ServerResponse,
  options: BridgeOptions,
  auth: AuthConfig,
  clientCount: () => number,
): Promise<void> {
  const baseHeaders = securityHeaders(auth.port)
  const decision = authorizeRequest(auth, {
    url: req.url ?? '/',
    host: req.headers.host,
    origin: req.headers.origin,
    cookie: req.headers.cookie,
  })
  if (!decision.ok) return sendText(res, decision.status, decision.reason, baseHeaders)
  const headers: OutgoingHttpHeaders = decision.setCookie
    ? { ...baseHeaders, 'Set-Cookie': decision.setCookie }
    : baseHeaders
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return sendText(res, 405, 'Only GET and HEAD; the API is on the WebSocket at /ws', {
      ...headers,
      Allow: 'GET, HEAD',
    })
  }
  // Authorized, so the target parsed already.
  const url = parseRequestTarget(req.url ?? '/')
  if (url === null) return sendText(res, 400, 'Malformed request target', headers)
  if (url.pathname === HEALTH_PATH) {
    res.writeHead(200, {
      ...headers,
      'Content-Type': 'application/json',
      'Cache-Control': 'no-store',
    })
    return void res.end(JSON.stringify({ ok: true, sockets: clientCount() }))
  }
  if (url.pathname === SOCKET_PATH) return sendText(res, 426, 'Upgrade to a WebSocket', headers)
  if (url.pathname.startsWith(BRIDGE_MEDIA_PREFIX)) {
    const media = await options.media.get(
      url.pathname.slice(BRIDGE_MEDIA_PREFIX.length),
      url.searchParams,
    )
    if (media.status !== 200) return sendText(res, media.status, media.message, headers)
    const cacheHeaders = { ETag: media.etag, 'Cache-Control': media.cacheControl }
    if (req.headers['if-none-match'] === media.etag) {
      res.writeHead(304, { ...headers, ...cacheHeaders })
      return void res.end()
    }
    res.writeHead(200, {
      ...headers,
      ...cacheHeaders,
      'Content-Type': media.contentType,
      'Content-Length': media.body.length,
    })
    return void res.end(req.method === 'HEAD' ? undefined : media.body)
  }
  return serveRendererFile(res, options, url.pathname, headers, req.method === 'HEAD')
}

/**
 * Starts the bridge: the built renderer, `/media/...` images, `/healthz` and the `/ws` contract
 * endpoint, all behind the token (see requestAuth.ts). Resolves once listening.
 */
export async function startBridgeServer(options: BridgeOptions): Promise<BridgeServer> {
  const sockets = createSocketServer(options.handlers, options.log)
  const server = createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  const isWildcard = WILDCARD_HOSTS.has(options.host)
  const auth: AuthConfig = {
    token: options.token,
    port,
    allowedHostnames: isWildcard ? null : [...LOOPBACK_HOSTNAMES, options.host.toLowerCase()],
  }
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handleHttp(req, res, options, auth, sockets.clientCount).catch((err: unknown) => {
      const request = `${req.method ?? ''} ${req.url ?? ''}`
      const error = internalError(err, (m) => options.log(redactToken(`bridge: ${request}: ${m}`)))
      if (!res.headersSent) sendText(res, 500, error.message, securityHeaders(port))
      else res.destroy()
    })
  })
  server.on('upgrade', createUpgradeHandler({ auth, sockets, log: options.log }))
  // Requests Node's parser cannot read: answer and close; the raw bytes are never logged.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    const status = clientErrorStatus(err.code)
    if (status !== null && socket.writable) socket.end(rawStatusReply(status))
    else socket.destroy()
  })
  // CONNECT (a proxy tunnel) is not something the bridge offers; without a listener Node would
  // drop the connection without an answer.
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => undefined)
    socket.end(rawStatusReply(405))
  })
  server.on('error', (err) => options.log(`bridge: server error: ${err.message}`))
  const urlHost = urlHostFor(options.host)
  return {
    host: options.host,
    port,
    url: `http://${urlHost}:${port}/?token=${options.token}`,
    broadcast: sockets.broadcast,
    async close() {
      await sockets.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
