import { describe, expect, it } from 'vitest'

import { formatMediaPath, mediaVersion, parseMediaPath } from './mediaPath'
import type { MediaRequest } from './mediaPath'

/** What a shell hands the media service: the path, and the query as URLSearchParams reads it. */
function roundTrip(request: MediaRequest) {
  const { path, query } = formatMediaPath(request)
  const params = new Map(query)
  return parseMediaPath(path, { get: (name) => params.get(name) ?? null })
}

describe('the media path format', () => {
  it('parses back exactly what it formats, for faces and strips', () => {
    const requests: MediaRequest[] = [
      { kind: 'face', faceId: 7, size: null, version: null },
      { kind: 'face', faceId: 123, size: 192, version: 'deadbeefcafef00d' },
      { kind: 'strip', faceIds: [1, 2, 3], versions: null },
      { kind: 'strip', faceIds: [4, 5], versions: ['0123abcd', '89abcdef'] },
    ]
    for (const request of requests) expect(roundTrip(request)).toEqual(request)
  })

  it('sends a version only for a hex hash', () => {
    expect(mediaVersion('DEADBEEFCAFEF00D99', 16)).toBe('deadbeefcafef00d')
    expect(mediaVersion('not-a-hash', 8)).toBeNull()
  })

  it('refuses what it would never format', () => {
    expect(roundTrip({ kind: 'face', faceId: 1, size: 4, version: null })).toMatchObject({
      kind: 'invalid',
      status: 400,
    })
    expect(parseMediaPath('../etc/passwd', { get: () => null })).toMatchObject({ status: 404 })
  })
})
