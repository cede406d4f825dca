import { describe, expect, it } from 'vitest'

import { isBlank, parsePixels } from './parsePixels'

describe('parsePixels', () => {
  it('reads exactly size*size integers 0..255 separated by spaces or tabs', () => {
    const result = parsePixels('0 255\t7  128', 2)
    expect(result.error).toBeNull()
    expect(Array.from(result.pixels ?? [])).toEqual([0, 255, 7, 128])
  })
  it('names the problem: count, range, non-numbers', () => {
    expect(parsePixels('1 2 3', 2).error).toBe('3 pixels; expected 4 (2x2)')
    expect(parsePixels('1 2 3 4 5', 2).error).toBe('5 pixels; expected 4 (2x2)')
    expect(parsePixels('1 256 3 4', 2).error).toBe('pixel 2 is 256, not 0..255')
    expect(parsePixels('1 2 x3 4', 2).error).toBe("pixel 3 is 'x3', not an integer 0..255")
    expect(parsePixels('1 2 3 -4', 2).error).toBe("pixel 4 is '-4', not an integer 0..255")
    expect(parsePixels('1 2.5 3 4', 2).error).toBe("pixel 2 is '2.5', not an integer 0..255")
    expect(parsePixels('', 2).error).toBe('0 pixels; expected 4 (2x2)')
  })
  it('tells blank faces', () => {
    expect(isBlank(new Uint8Array([9, 9, 9]))).toBe(true)
    expect(isBlank(new Uint8Array([9, 9, 8]))).toBe(false)
  })
})
