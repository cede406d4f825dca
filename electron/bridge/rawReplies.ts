import { STATUS_CODES } from 'node:http'

/**
 * Answers written straight to a socket, where no ServerResponse exists: refused WebSocket upgrades
 * and requests Node's HTTP parser could not read (the server's `clientError`).
 */

/** A complete, body-less HTTP/1.1 response that closes the connection. */
export function rawStatusReply(status: number): string {
  const text = STATUS_CODES[status] ?? 'Error'
  return `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`
}

/**
 * The status for a request the parser rejected, by Node's error code: too-large headers get 431,
 * a client too slow to send its request 408, anything else unreadable 400. Null when the peer is
 * gone already (a reset), so there is no one to answer.
 */
export function clientErrorStatus(code: string | undefined): 400 | 408 | 413 | 431 | null {
  switch (code) {
    case 'ECONNRESET':
    case 'EPIPE':
      return null
    case 'HPE_HEADER_OVERFLOW':
      return 431
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return 413
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return 408
    default:
      return 400
  }
}
