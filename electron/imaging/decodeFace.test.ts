import { describe, expect, it } from 'vitest'

import { decodeFace } from './decodeFace'
import { BLACK, GRAY, WHITE, threeBandPng } from './threeBandPng.testUtil'

function row(pixels: Uint8Array, size: number, y: number): number[] {
  return Array.from(pixels.subarray(y * size, (y + 1) * size))
}

describe('decodeFace on a non-square image', () => {
  it('centre-crops to a square instead of stretching', async () => {
    const pixels = await decodeFace(await threeBandPng(), 48)
    expect(pixels.length).toBe(48 * 48)
    const expected = [
      ...Array<number>(8).fill(BLACK),
      ...Array<number>(32).fill(WHITE),
      ...Array<number>(8).fill(GRAY),
    ]
    for (const y of [0, 24, 47]) expect(row(pixels, 48, y)).toEqual(expected)
  })

  it('keeps the centre when it also shrinks', async () => {
    const pixels = await decodeFace(await threeBandPng(), 12)
    const middle = row(pixels, 12, 6)
    // The crop is 2 black, 8 white, 2 gray columns at this size; a stretch would give 4/4/4.
    for (const x of [3, 4, 5, 6, 7, 8]) expect(middle[x]).toBeGreaterThan(WHITE - 10)
    expect(middle[0]).toBeLessThan(20)
    expect(Math.abs((middle[11] ?? 0) - GRAY)).toBeLessThan(20)
  })
})
