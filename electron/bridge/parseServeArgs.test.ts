import { describe, expect, it } from 'vitest'

import { isLoopbackHost, parseServeArgs } from './parseServeArgs'

describe('parseServeArgs', () => {
  it('defaults to loopback, a random port and opening the browser', () => {
    expect(parseServeArgs([])).toEqual({
      dataDir: undefined,
      host: '127.0.0.1',
      hostIsExplicit: false,
      port: 0,
      open: true,
      demo: true,
      urlFile: undefined,
      rendererDir: undefined,
      help: false,
    })
  })
  it('reads every option', () => {
    expect(
      parseServeArgs([
        '--data-dir',
        '/d',
        '--port',
        '8080',
        '--host',
        '0.0.0.0',
        '--no-open',
        '--no-demo',
        '--url-file',
        '/u',
      ]),
    ).toMatchObject({
      demo: false,
      dataDir: '/d',
      port: 8080,
      host: '0.0.0.0',
      hostIsExplicit: true,
      open: false,
      urlFile: '/u',
    })
  })
  it('names the bad option', () => {
    expect(() => parseServeArgs(['--port', 'abc'])).toThrow(/--port/)
    expect(() => parseServeArgs(['--port', '70000'])).toThrow(/--port/)
    expect(() => parseServeArgs(['--bogus'])).toThrow(/bogus/)
  })
})

describe('isLoopbackHost', () => {
  it('tells loopback from reachable addresses', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true)
    expect(isLoopbackHost('localhost')).toBe(true)
    expect(isLoopbackHost('[::1]')).toBe(true)
    expect(isLoopbackHost('0.0.0.0')).toBe(false)
    expect(isLoopbackHost('192.168.0.2')).toBe(false)
  })
})
