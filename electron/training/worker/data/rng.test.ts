import { describe, expect, it } from 'vitest'

import { createRng, mixSeed } from './rng'

const draws = (seed: number, n = 100): number[] => {
  const rng = createRng(seed)
  return Array.from({ length: n }, () => rng.next())
}

describe('createRng', () => {
  it('repeats its sequence for a seed and changes it for another', () => {
    expect(draws(42)).toEqual(draws(42))
    expect(draws(42)).not.toEqual(draws(43))
  })

  it('draws floats in [0, 1) and integers in [0, n)', () => {
    const rng = createRng(1)
    const seen = new Set<number>()
    for (let i = 0; i < 10_000; i++) {
      const x = rng.next()
      expect(x).toBeGreaterThanOrEqual(0)
      expect(x).toBeLessThan(1)
      const k = rng.int(7)
      expect(Number.isInteger(k) && k >= 0 && k < 7).toBe(true)
      seen.add(k)
      const r = rng.range(-2, 3)
      expect(r >= -2 && r < 3).toBe(true)
    }
    expect(seen.size).toBe(7)
  })

  it('is roughly uniform and its normal draws have the asked mean and spread', () => {
    const rng = createRng(5)
    const n = 40_000
    let sum = 0
    let sumSq = 0
    let below = 0
    for (let i = 0; i < n; i++) {
      const z = rng.normal(2, 3)
      sum += z
      sumSq += z * z
      if (rng.next() < 0.25) below++
    }
    const mean = sum / n
    expect(mean).toBeCloseTo(2, 1)
    expect(Math.sqrt(sumSq / n - mean * mean)).toBeCloseTo(3, 1)
    expect(below / n).toBeCloseTo(0.25, 1)
  })

  it('shuffles into a permutation, deterministically', () => {
    const a = createRng(9).shuffle(Array.from({ length: 50 }, (_, i) => i))
    const b = createRng(9).shuffle(Int32Array.from({ length: 50 }, (_, i) => i))
    expect([...b]).toEqual(a)
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i))
    expect(a).not.toEqual(Array.from({ length: 50 }, (_, i) => i))
  })
})

describe('mixSeed', () => {
  it('depends on every part and on their order', () => {
    const seeds = new Set([mixSeed(1, 2, 3), mixSeed(3, 2, 1), mixSeed(1, 2), mixSeed(1, 2, 4)])
    expect(seeds.size).toBe(4)
    expect(mixSeed(1, 2, 3)).toBe(mixSeed(1, 2, 3))
    expect(mixSeed(2 ** 40)).not.toBe(mixSeed(0))
  })
})
