import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** A fresh access token: 32 random bytes as 64 hex characters (like Jupyter's). */
export function createToken(): string {
  return randomBytes(32).toString('hex')
}

/**
 * Compares a presented token with the expected one in constant time. Both are hashed first so the
 * comparison does not leak the expected length either (timingSafeEqual needs equal lengths).
 */
export function tokensMatch(expected: string, presented: string | null | undefined): boolean {
  if (presented === null || presented === undefined || presented === '') return false
  const a = createHash('sha256').update(expected).digest()
  const b = createHash('sha256').update(presented).digest()
  return timingSafeEqual(a, b)
}
