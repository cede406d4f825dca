import { parseRequestTarget } from './requestTarget'
import { tokensMatch } from './token'

/**
 * Who may talk to the bridge. Every HTTP request and WebSocket upgrade passes here first:
 * 0. the request target must parse as a URL (anything else is a malformed request: 400);
 * 1. the Host header must name the address we listen on (DNS rebinding: a hostile page whose
 *    name resolves to 127.0.0.1 still sends its own name as Host);
 * 2. an Origin header, when present, must be our own origin (cross-site WebSockets and fetches);
 * 3. the token must come as `?token=` or in the cookie set when the page was opened with it.
 */
export type AuthConfig = Readonly<{
  token: string
  port: number
  /** Host names accepted in the Host header; null accepts any (bound to a wildcard address). */
  allowedHostnames: readonly string[] | null
}>

export type AuthRequest = Readonly<{
  /** Request target as received, e.g. `/media/face/3.png?token=...`. */
  url: string
  host: string | undefined
  origin: string | undefined
  cookie: string | undefined
}>

export type AuthDecision =
  | Readonly<{ ok: true; via: 'query' | 'cookie'; setCookie: string | null }>
  | Readonly<{ ok: false; status: 400 | 401 | 403; reason: string }>

/**
 * The cookie carries the port in its name: cookies are per host, not per port, so two studios
 * open at once on 127.0.0.1 would otherwise overwrite each other's token.
 */
export function tokenCookieName(port: number): string {
  return `fer_token_${port}`
}

/** Host names that always mean this machine. */
export const LOOPBACK_HOSTNAMES = ['127.0.0.1', 'localhost', '::1'] as const

/** Splits a Host header (`127.0.0.1:8080`, `[::1]:8080`, `localhost`) into name and port. */
export function parseHostHeader(host: string): { hostname: string; port: number | null } | null {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]+))(?::(\d{1,5}))?$/.exec(host.trim())
  if (!match) return null
  const hostname = (match[1] ?? match[2] ?? '').toLowerCase()
  return { hostname, port: match[3] === undefined ? null : Number(match[3]) }
}

function readCookie(header: string | undefined, name: string): string | null {
  if (header === undefined) return null
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return null
}

function hostIsAllowed(config: AuthConfig, hostHeader: string | undefined): boolean {
  if (config.allowedHostnames === null) return true
  if (hostHeader === undefined) return false
  const parsed = parseHostHeader(hostHeader)
  if (parsed === null || parsed.port !== config.port) return false
  return config.allowedHostnames.includes(parsed.hostname)
}

function originIsAllowed(origin: string | undefined, hostHeader: string | undefined): boolean {
  if (origin === undefined) return true
  try {
    const url = new URL(origin)
    return (
      url.protocol === 'http:' && hostHeader !== undefined && url.host === hostHeader.toLowerCase()
    )
  } catch {
    // 'null' (sandboxed frames, file: pages) and garbage are never our origin.
    return false
  }
}

/** Decides whether a request may proceed, and whether to (re)set the token cookie. */
export function authorizeRequest(config: AuthConfig, request: AuthRequest): AuthDecision {
  const target = parseRequestTarget(request.url)
  if (target === null) return { ok: false, status: 400, reason: 'Malformed request target' }
  if (!hostIsAllowed(config, request.host)) {
    return {
      ok: false,
      status: 403,
      reason: `Host '${request.host ?? ''}' is not this studio's address`,
    }
  }
  if (!originIsAllowed(request.origin, request.host)) {
    return {
      ok: false,
      status: 403,
      reason: `Origin '${request.origin ?? ''}' may not use this studio`,
    }
  }
  const cookieName = tokenCookieName(config.port)
  const queryToken = target.searchParams.get('token')
  const cookieToken = readCookie(request.cookie, cookieName)
  if (tokensMatch(config.token, queryToken)) {
    const cookieIsCurrent = tokensMatch(config.token, cookieToken)
    const setCookie = cookieIsCurrent
      ? null
      : `${cookieName}=${config.token}; HttpOnly; SameSite=Strict; Path=/`
    return { ok: true, via: 'query', setCookie }
  }
  if (tokensMatch(config.token, cookieToken)) return { ok: true, via: 'cookie', setCookie: null }
  return {
    ok: false,
    status: 401,
    reason: 'Missing or wrong token: open the URL printed by the studio (it ends with ?token=...)',
  }
}
