import { describe, expect, it } from 'vitest'

import { createToken, tokensMatch } from './token'

describe('createToken', () => {
  it('gives 64 hex characters, different each time', () => {
    const a = createToken()
    const b = createToken()
    expect(a).toMatch(/^[0-9a-f]{64}$/)
    expect(b).not.toBe(a)
  })
})

describe('tokensMatch', () => {
  const token = createToken()
  it('accepts only the exact token', () => {
    expect(tokensMatch(token, token)).toBe(true)
    expect(tokensMatch(token, token.toUpperCase())).toBe(false)
    expect(tokensMatch(token, token.slice(0, 63))).toBe(false)
    expect(tokensMatch(token, `${token}0`)).toBe(false)
  })
  it('refuses missing and empty tokens', () => {
    expect(tokensMatch(token, undefined)).toBe(false)
    expect(tokensMatch(token, null)).toBe(false)
    expect(tokensMatch(token, '')).toBe(false)
  })
})
