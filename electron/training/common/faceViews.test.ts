import { describe, expect, it } from 'vitest'

import {
  averageViews,
  centreCropFaces,
  centreOrigin,
  fiveCropOrigins,
  ttaViews,
  viewsPerFace,
} from './faceViews'

/** Two 4x4 faces whose pixel values are their index (face 1 offset by 100). */
const SIZE = 4
const faces = Float32Array.from({ length: 2 * SIZE * SIZE }, (_, i) => (i < 16 ? i : 100 + i - 16))

describe('face views', () => {
  it('puts the centre crop in the middle, the odd pixel to the bottom right', () => {
    expect(centreOrigin(48, 44)).toEqual({ top: 2, left: 2 })
    expect(centreOrigin(48, 45)).toEqual({ top: 1, left: 1 })
    expect(fiveCropOrigins(48, 44)).toEqual([
      { top: 0, left: 0 },
      { top: 0, left: 4 },
      { top: 4, left: 0 },
      { top: 4, left: 4 },
      { top: 2, left: 2 },
    ])
  })

  it('cuts every face to its centre crop', () => {
    expect(Array.from(centreCropFaces(faces, 2, SIZE, 2))).toEqual([
      5, 6, 9, 10, 105, 106, 109, 110,
    ])
    expect(Array.from(centreCropFaces(faces, 2, SIZE, SIZE))).toEqual(Array.from(faces))
  })

  it('gives ten-crop views face by face: four corners and centre, then the same mirrored', () => {
    const views = ttaViews(faces, { start: 1, count: 1 }, SIZE, 3, 'ten-crop')
    const view = (v: number) => Array.from(views.subarray(v * 9, (v + 1) * 9))
    expect(views.length).toBe(10 * 9)
    expect(view(0)).toEqual([100, 101, 102, 104, 105, 106, 108, 109, 110])
    expect(view(3)).toEqual([105, 106, 107, 109, 110, 111, 113, 114, 115])
    // The centre of 4 px at 3 px starts at 0 (the odd pixel goes to the far side).
    expect(view(4)).toEqual(view(0))
    expect(view(5)).toEqual([102, 101, 100, 106, 105, 104, 110, 109, 108])
    expect(viewsPerFace('ten-crop')).toBe(10)
  })

  it("gives 'flip' the centre crop and its mirror, 'none' the centre crop alone", () => {
    const flip = ttaViews(faces, { start: 0, count: 2 }, SIZE, 2, 'flip')
    expect(Array.from(flip)).toEqual([
      5, 6, 9, 10, 6, 5, 10, 9, 105, 106, 109, 110, 106, 105, 110, 109,
    ])
    expect(Array.from(ttaViews(faces, { start: 0, count: 1 }, SIZE, 2, 'none'))).toEqual([
      5, 6, 9, 10,
    ])
  })

  it('refuses ten-crop on whole faces: there is nothing to crop', () => {
    expect(() => ttaViews(faces, { start: 0, count: 1 }, SIZE, SIZE, 'ten-crop')).toThrow(
      /ten-crop needs a model trained on crops/,
    )
  })

  it("averages each face's views", () => {
    const p = Float32Array.from([0.2, 0.8, 0.6, 0.4, 1, 0, 0, 1])
    expect(Array.from(averageViews(p, 2, 2, 2))).toEqual([
      0.4000000059604645, 0.6000000238418579, 0.5, 0.5,
    ])
  })
})
