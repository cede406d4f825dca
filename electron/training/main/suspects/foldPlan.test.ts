import { describe, expect, it } from 'vitest'

import { planFolds } from './foldPlan'

function countsPerFold(fold: Uint8Array, labels: number[], folds: number, classes: number) {
  const counts = Array.from({ length: folds }, () => new Array<number>(classes).fill(0))
  fold.forEach((f, i) => (counts[f]![labels[i]!]! += 1))
  return counts
}

describe('planFolds', () => {
  it('deals each class evenly over the folds when every face is its own group', () => {
    // 9 of class 0, 6 of class 1, 3 of class 2 over 3 folds: 3/2/1 each.
    const labels = [...Array(9).fill(0), ...Array(6).fill(1), ...Array(3).fill(2)] as number[]
    const fold = planFolds({ labels, groups: labels.map((_, i) => i), folds: 3, seed: 1 })
    expect(countsPerFold(fold, labels, 3, 3)).toEqual([
      [3, 2, 1],
      [3, 2, 1],
      [3, 2, 1],
    ])
  })

  it('keeps a duplicate group in one fold', () => {
    const labels = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]
    // Faces 0, 5 and 7 are copies of one face (group 0); 3 and 4 another (group 3).
    const groups = [0, 1, 2, 3, 3, 0, 6, 0, 8, 9, 10, 11]
    for (const seed of [1, 2, 3, 4, 5]) {
      const fold = planFolds({ labels, groups, folds: 2, seed })
      expect(new Set([fold[0], fold[5], fold[7]]).size).toBe(1)
      expect(fold[3]).toBe(fold[4])
      const sizes = [0, 1].map((f) => fold.filter((x) => x === f).length)
      expect(sizes).toEqual([6, 6])
    }
  })

  it('is the same for the same seed and differs across seeds', () => {
    const labels = Array.from({ length: 60 }, (_, i) => i % 4)
    const groups = labels.map((_, i) => i)
    const a = planFolds({ labels, groups, folds: 3, seed: 7 })
    expect(planFolds({ labels, groups, folds: 3, seed: 7 })).toEqual(a)
    expect(planFolds({ labels, groups, folds: 3, seed: 8 })).not.toEqual(a)
  })

  it('refuses a fold count outside 2..20 and mismatched groups', () => {
    expect(() => planFolds({ labels: [0, 1], groups: [0, 1], folds: 1, seed: 1 })).toThrow(
      /from 2 to 20, got 1/,
    )
    expect(() => planFolds({ labels: [0, 1], groups: [0], folds: 2, seed: 1 })).toThrow(
      /1 groups for 2 faces/,
    )
  })
})
