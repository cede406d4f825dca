import { describe, expect, it } from 'vitest'

import { parseRequestTarget, redactToken } from './requestTarget'

describe('parseRequestTarget', () => {
  it('parses origin-form and absolute-form targets', () => {
    expect(parseRequestTarget('/media/face/3.png?size=96')?.pathname).toBe('/media/face/3.png')
    expect(parseRequestTarget('http://127.0.0.1:80/ws?token=t')?.searchParams.get('token')).toBe(
      't',
    )
  })

  it('returns null instead of throwing on targets that are not URLs', () => {
    for (const target of ['http://[', 'http://[::1', 'ws://[', 'http://a b/']) {
      expect(parseRequestTarget(target), target).toBeNull()
    }
  })
})

describe('redactToken', () => {
  it('hides every token value in URLs and log lines, and nothing else', () => {
    expect(redactToken('GET /media/face/1.png?size=96&token=abc123 failed')).toBe(
      'GET /media/face/1.png?size=96&token=<redacted> failed',
    )
    expect(redactToken('ws://127.0.0.1:5/ws?token=abc#x and /?Token=def')).toBe(
      'ws://127.0.0.1:5/ws?token=<redacted>#x and /?Token=<redacted>',
    )
    expect(redactToken('/healthz?tokens=1&mytoken=2')).toBe('/healthz?tokens=1&mytoken=2')
  })
})
