import { describe, expect, it } from 'vitest'

import { evaluationDelta } from './evaluationDelta'

const zeros = () => Array.from({ length: 7 }, () => new Array<number>(7).fill(0))

describe('evaluationDelta', () => {
  it('gives the change per cell and per class between two matrices', () => {
    // Before: 10 angry faces, 6 right, 4 taken for disgust; 5 disgust, all right.
    const before = zeros()
    before[0]![0] = 6
    before[0]![1] = 4
    before[1]![1] = 5
    // After relabelling and retraining: 8 right, 2 for disgust; disgust unchanged.
    const after = zeros()
    after[0]![0] = 8
    after[0]![1] = 2
    after[1]![1] = 5
    const delta = evaluationDelta(before, after)
    expect(delta.cells[0]?.slice(0, 2)).toEqual([2, -2])
    expect(delta.cells[1]?.[1]).toBe(0)
    const angry = delta.perClass[0]
    expect(angry?.emotion).toBe('angry')
    expect(angry?.recall).toEqual({ before: 0.6, after: 0.8 })
    expect(angry?.support).toEqual({ before: 10, after: 10 })
    // Disgust precision: 5 of 9 predicted before, 5 of 7 after.
    expect(delta.perClass[1]?.precision.before).toBeCloseTo(5 / 9, 12)
    expect(delta.perClass[1]?.precision.after).toBeCloseTo(5 / 7, 12)
    expect(delta.accuracy).toEqual({ before: 11 / 15, after: 13 / 15 })
  })
})
