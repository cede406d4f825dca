import { describe, expect, it } from 'vitest'

import { addressWithoutToken, dropTokenFromAddress } from './bridgeAddress'

describe('addressWithoutToken', () => {
  it('removes every token parameter and keeps the rest', () => {
    expect(addressWithoutToken('http://127.0.0.1:5/?token=abc')).toBe('http://127.0.0.1:5/')
    expect(addressWithoutToken('http://127.0.0.1:5/?a=1&token=abc&token=d#faces')).toBe(
      'http://127.0.0.1:5/?a=1#faces',
    )
    expect(addressWithoutToken('http://127.0.0.1:5/?fake')).toBeNull()
  })
})

describe('dropTokenFromAddress', () => {
  function deps(href: string, cookieWorks: boolean | Error) {
    const replaced: string[] = []
    return {
      replaced,
      deps: {
        href,
        replaceAddress: (url: string) => replaced.push(url),
        cookieAuthorizes: () =>
          cookieWorks instanceof Error ? Promise.reject(cookieWorks) : Promise.resolve(cookieWorks),
      },
    }
  }

  it('replaces the address once the cookie lets a token-less request in', async () => {
    const { replaced, deps: d } = deps('http://127.0.0.1:5/?token=abc', true)
    expect(await dropTokenFromAddress(d)).toBe(true)
    expect(replaced).toEqual(['http://127.0.0.1:5/'])
  })

  it('keeps the token when the cookie does not work or cannot be checked', async () => {
    for (const answer of [false, new Error('offline')]) {
      const { replaced, deps: d } = deps('http://127.0.0.1:5/?token=abc', answer)
      expect(await dropTokenFromAddress(d)).toBe(false)
      expect(replaced).toEqual([])
    }
  })

  it('does nothing on an address without a token', async () => {
    const { replaced, deps: d } = deps('http://127.0.0.1:5/', true)
    expect(await dropTokenFromAddress(d)).toBe(false)
    expect(replaced).toEqual([])
  })
})
