import { describe, expect, it } from 'vitest'

import { kernelFromOihw, kernelToOihw, padsFor } from './convLayout'

describe('padsFor', () => {
  it("puts TensorFlow SAME's odd pixel after, and pads nothing for valid", () => {
    expect(padsFor('same', [48, 48], [5, 5], [2, 2])).toEqual([1, 1, 2, 2])
    expect(padsFor('same', [24, 24], [3, 3], [1, 1])).toEqual([1, 1, 1, 1])
    expect(padsFor('same', [6, 6], [2, 2], [2, 2])).toEqual([0, 0, 0, 0])
    expect(padsFor('same', [7, 5], [2, 2], [2, 2])).toEqual([0, 0, 1, 1])
    expect(padsFor('valid', [48, 48], [3, 3], [1, 1])).toEqual([0, 0, 0, 0])
  })
})

describe('kernelToOihw', () => {
  it('moves [kh, kw, in, out] to [out, in, kh, kw] and back', () => {
    const shape = [2, 3, 4, 5]
    const values = Float32Array.from({ length: 120 }, (_, i) => i)
    const oihw = kernelToOihw(values, shape)
    // Element (y=1, x=2, in=3, out=4) sits at ((1*3+2)*4+3)*5+4 in tfjs order.
    expect(oihw[((4 * 4 + 3) * 2 + 1) * 3 + 2]).toBe(((1 * 3 + 2) * 4 + 3) * 5 + 4)
    expect(Array.from(kernelFromOihw(oihw, shape))).toEqual(Array.from(values))
  })
})
