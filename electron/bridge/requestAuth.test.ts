import { describe, expect, it } from 'vitest'

import { authorizeRequest, parseHostHeader, tokenCookieName } from './requestAuth'
import type { AuthConfig } from './requestAuth'

const TOKEN = 'a'.repeat(64)
const config: AuthConfig = {
  token: TOKEN,
  port: 4321,
  allowedHostnames: ['127.0.0.1', 'localhost', '::1'],
}
const host = '127.0.0.1:4321'
const cookieName = tokenCookieName(4321)

describe('parseHostHeader', () => {
  it('splits names, IPv6 literals and ports', () => {
    expect(parseHostHeader('127.0.0.1:80')).toEqual({ hostname: '127.0.0.1', port: 80 })
    expect(parseHostHeader('[::1]:8080')).toEqual({ hostname: '::1', port: 8080 })
    expect(parseHostHeader('LocalHost')).toEqual({ hostname: 'localhost', port: null })
    expect(parseHostHeader('a:b:c')).toBeNull()
  })
})

describe('authorizeRequest', () => {
  it('answers a target that is not a URL with 400 instead of throwing', () => {
    for (const url of ['http://[', `http://[?token=${TOKEN}`]) {
      expect(authorizeRequest(config, { url, host, origin: undefined, cookie: undefined })).toEqual(
        { ok: false, status: 400, reason: 'Malformed request target' },
      )
    }
  })

  it('accepts the token in the query and asks to set the cookie', () => {
    const decision = authorizeRequest(config, {
      url: `/?token=${TOKEN}`,
      host,
      origin: undefined,
      cookie: undefined,
    })
    expect(decision).toEqual({
      ok: true,
      via: 'query',
      setCookie: `${cookieName}=${TOKEN}; HttpOnly; SameSite=Strict; Path=/`,
    })
  })

  it('accepts the cookie alone, and does not set it again', () => {
    const cookie = `other=1; ${cookieName}=${TOKEN}`
    expect(
      authorizeRequest(config, { url: '/media/face/1.png', host, origin: undefined, cookie }),
    ).toEqual({
      ok: true,
      via: 'cookie',
      setCookie: null,
    })
    expect(
      authorizeRequest(config, { url: `/?token=${TOKEN}`, host, origin: undefined, cookie }),
    ).toMatchObject({ ok: true, setCookie: null })
  })

  it('refuses a missing or wrong token with 401', () => {
    for (const request of [
      { url: '/', cookie: undefined },
      { url: `/?token=${'b'.repeat(64)}`, cookie: undefined },
      { url: '/', cookie: `fer_token_9999=${TOKEN}` },
      { url: '/', cookie: `${cookieName}=${'c'.repeat(64)}` },
    ]) {
      expect(authorizeRequest(config, { ...request, host, origin: undefined })).toMatchObject({
        ok: false,
        status: 401,
      })
    }
  })

  it('refuses foreign Host headers (DNS rebinding) even with the right token', () => {
    for (const badHost of ['evil.example:4321', '127.0.0.1:80', '127.0.0.1', undefined]) {
      expect(
        authorizeRequest(config, {
          url: `/?token=${TOKEN}`,
          host: badHost,
          origin: undefined,
          cookie: undefined,
        }),
      ).toMatchObject({ ok: false, status: 403 })
    }
    expect(
      authorizeRequest(config, {
        url: `/?token=${TOKEN}`,
        host: 'localhost:4321',
        origin: undefined,
        cookie: undefined,
      }),
    ).toMatchObject({ ok: true })
  })

  it('refuses cross-origin requests even with the right token', () => {
    for (const origin of [
      'http://evil.example',
      'http://127.0.0.1:9999',
      'null',
      'https://127.0.0.1:4321',
    ]) {
      expect(
        authorizeRequest(config, { url: `/ws?token=${TOKEN}`, host, origin, cookie: undefined }),
      ).toMatchObject({ ok: false, status: 403 })
    }
    expect(
      authorizeRequest(config, {
        url: `/ws?token=${TOKEN}`,
        host,
        origin: 'http://127.0.0.1:4321',
        cookie: undefined,
      }),
    ).toMatchObject({ ok: true })
  })

  it('accepts any Host when bound to a wildcard address, but still needs the token', () => {
    const open: AuthConfig = { ...config, allowedHostnames: null }
    expect(
      authorizeRequest(open, {
        url: `/?token=${TOKEN}`,
        host: '192.168.1.5:4321',
        origin: undefined,
        cookie: undefined,
      }),
    ).toMatchObject({ ok: true })
    expect(
      authorizeRequest(open, {
        url: '/',
        host: '192.168.1.5:4321',
        origin: undefined,
        cookie: undefined,
      }),
    ).toMatchObject({ ok: false, status: 401 })
  })
})
