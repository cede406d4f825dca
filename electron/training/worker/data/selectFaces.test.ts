import { describe, expect, it } from 'vitest'

import type { FaceArrays } from './batches'
import { selectFaces } from './selectFaces'

const faces: FaceArrays = {
  size: 2,
  count: 3,
  pixels: Uint8Array.from([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]),
  labels: Int32Array.from([0, 4, 6]),
  faceIds: Int32Array.from([10, 20, 30]),
}

describe('selectFaces', () => {
  it('copies the chosen faces in the given order', () => {
    const picked = selectFaces(faces, Int32Array.from([2, 0]))
    expect(picked.count).toBe(2)
    expect([...picked.pixels]).toEqual([3, 3, 3, 3, 1, 1, 1, 1])
    expect([...picked.labels]).toEqual([6, 0])
    expect([...picked.faceIds]).toEqual([30, 10])
  })

  it('rejects an index outside the faces', () => {
    expect(() => selectFaces(faces, Int32Array.from([3]))).toThrow(/index 3/)
  })
})
