import { describe, expect, it } from 'vitest'

import type { DatasetSnapshot } from '../../common/snapshot'
import { foldSnapshot } from './foldSnapshot'

describe('foldSnapshot', () => {
  it('keeps the job faces with their given labels, the fold as validation and the rest as train', () => {
    // Faces 10, 11, 12, 13 of 1x1 pixels; 13 was added after the job started.
    const dataset: DatasetSnapshot = {
      datasetId: 1,
      faceSize: 1,
      count: 4,
      faceIds: Int32Array.from([10, 11, 12, 13]),
      labels: Uint8Array.from([3, 3, 4, 5]),
      splits: Uint8Array.from([0, 1, 0, 0]),
      pixels: Uint8Array.from([100, 110, 120, 130]),
    }
    const jobFaces = new Map([
      [10, { fold: 0, given: 3 }],
      [11, { fold: 1, given: 2 }], // relabelled since: the job keeps the label it started with
      [12, { fold: 1, given: 4 }],
    ])
    const snap = foldSnapshot(dataset, jobFaces, 1)
    expect(Array.from(snap.faceIds)).toEqual([10, 11, 12])
    expect(Array.from(snap.labels)).toEqual([3, 2, 4])
    expect(Array.from(snap.splits)).toEqual([0, 1, 1])
    expect(Array.from(snap.pixels)).toEqual([100, 110, 120])
    expect(snap.count).toBe(3)
  })
})
