import { describe, expect, it } from 'vitest'

import { parseMediaPath } from './mediaService'

const noQuery = new URLSearchParams()

describe('parseMediaPath', () => {
  it('reads a face id and an optional size', () => {
    expect(parseMediaPath('face/12.png', noQuery)).toEqual({ kind: 'face', faceId: 12, size: null })
    expect(parseMediaPath('face/12.png', new URLSearchParams('size=192'))).toEqual({
      kind: 'face',
      faceId: 12,
      size: 192,
    })
  })

  it('treats anything that is not face/<positive id>.png as unknown', () => {
    for (const bad of [
      'face/0.png',
      'face/-1.png',
      'face/1.jpg',
      'face/1',
      'face/../1.png',
      '../face/1.png',
      'face/1.png/x',
      'image/1.png',
      '',
    ]) {
      expect(parseMediaPath(bad, noQuery), bad).toMatchObject({ kind: 'invalid', status: 404 })
    }
  })

  it('refuses sizes that are not sensible integers', () => {
    for (const size of ['0', '7', '2000', '1.5', 'abc', '']) {
      expect(parseMediaPath('face/1.png', new URLSearchParams({ size })), size).toMatchObject({
        kind: 'invalid',
        status: 400,
      })
    }
  })
})
