import { describe, expect, it } from 'vitest'

import { pickSampleFaces } from './sampleFaces'

describe('pickSampleFaces', () => {
  it('takes one face of each class first, then the next in order, sorted', () => {
    const labels = Uint8Array.from([3, 3, 3, 0, 6, 3, 2, 2, 5, 4, 1, 3])
    expect(pickSampleFaces(labels, 8)).toEqual([0, 1, 3, 4, 6, 8, 9, 10])
    expect(pickSampleFaces(labels, 3)).toEqual([0, 3, 4])
    expect(pickSampleFaces(Uint8Array.from([1, 1]), 8)).toEqual([0, 1])
  })
})
