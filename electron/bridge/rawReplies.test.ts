import { describe, expect, it } from 'vitest'

import { clientErrorStatus, rawStatusReply } from './rawReplies'

describe('raw replies', () => {
  it('writes a complete body-less response that closes the connection', () => {
    expect(rawStatusReply(400)).toBe(
      'HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n',
    )
  })

  it('answers parser errors by kind, and nobody once the peer is gone', () => {
    expect(clientErrorStatus('HPE_INVALID_METHOD')).toBe(400)
    expect(clientErrorStatus(undefined)).toBe(400)
    expect(clientErrorStatus('HPE_HEADER_OVERFLOW')).toBe(431)
    expect(clientErrorStatus('ECONNRESET')).toBeNull()
  })
})
