import { describe, expect, it } from 'vitest'

import { stratifiedHoldout } from './holdout'

// 60 angry, 2 disgust, 1 fear, 37 happy.
const labels = Int32Array.from([
  ...Array.from({ length: 60 }, () => 0),
  1,
  1,
  2,
  ...Array.from({ length: 37 }, () => 3),
])

function countOf(indices: Int32Array, label: number): number {
  return [...indices].filter((i) => labels[i] === label).length
}

describe('stratifiedHoldout', () => {
  const { train, validation } = stratifiedHoldout(labels, 0.2, 7)

  it('is disjoint and covers every face once, both sides ascending', () => {
    const all = [...train, ...validation].sort((a, b) => a - b)
    expect(all).toEqual(Array.from({ length: labels.length }, (_, i) => i))
    expect([...train]).toEqual([...train].sort((a, b) => a - b))
    expect([...validation]).toEqual([...validation].sort((a, b) => a - b))
  })

  it("holds out each class's share, keeping scarce classes on both sides", () => {
    expect(countOf(validation, 0)).toBe(12)
    expect(countOf(validation, 3)).toBe(7)
    expect(countOf(validation, 1)).toBe(1)
    expect(countOf(train, 1)).toBe(1)
    expect(countOf(train, 2)).toBe(1)
    expect(countOf(validation, 2)).toBe(0)
  })

  it('is deterministic for a seed and differs between seeds', () => {
    expect(stratifiedHoldout(labels, 0.2, 7)).toEqual({ train, validation })
    expect([...stratifiedHoldout(labels, 0.2, 8).validation]).not.toEqual([...validation])
  })

  it('rejects a fraction outside (0, 1)', () => {
    expect(() => stratifiedHoldout(labels, 1, 1)).toThrow(/between 0 and 1/)
    expect(() => stratifiedHoldout(labels, 0, 1)).toThrow(/between 0 and 1/)
  })
})
