import { describe, expect, it } from 'vitest'

import { EMOTIONS } from '../../shared/domain/emotion'
import { SPLITS } from '../../shared/domain/split'
import { demoClassCounts, demoSplits } from './demoCounts'
import type { DemoFace } from './generateDemoFaces'
import { DEMO_DEFAULT_COUNT, generateDemoFaces } from './generateDemoFaces'

const faces = generateDemoFaces()
const share = (predicate: (f: DemoFace) => boolean): number =>
  faces.filter(predicate).length / faces.length

function mean(values: ArrayLike<number>): number {
  let sum = 0
  for (let i = 0; i < values.length; i++) sum += values[i] as number
  return sum / values.length
}

describe('generateDemoFaces', () => {
  it('makes the default number of 48x48 byte faces with varied, unclipped pixels', () => {
    expect(faces).toHaveLength(DEMO_DEFAULT_COUNT)
    for (const face of faces) {
      expect(face.pixels).toBeInstanceOf(Uint8Array)
      expect(face.pixels).toHaveLength(48 * 48)
      const m = mean(face.pixels)
      const spread = Math.sqrt(mean(face.pixels.map((v) => (v - m) ** 2)))
      expect(spread).toBeGreaterThan(5)
      expect(m).toBeGreaterThan(15)
      expect(m).toBeLessThan(240)
    }
    // Across the set the full range is used, as in photographs.
    expect(Math.min(...faces.map((f) => Math.min(...f.pixels)))).toBeLessThan(10)
    expect(Math.max(...faces.map((f) => Math.max(...f.pixels)))).toBeGreaterThan(245)
  })

  it('is the same for a seed, byte for byte, and different for another seed', () => {
    const again = generateDemoFaces({ count: 70 })
    const same = generateDemoFaces({ count: 70 })
    expect(same).toEqual(again)
    const other = generateDemoFaces({ seed: 7, count: 70 })
    expect(other.map((f) => f.pixels)).not.toEqual(again.map((f) => f.pixels))
  })

  it('is imbalanced like FER2013: happy largest, disgust and fear scarce', () => {
    const shares = Object.fromEntries(EMOTIONS.map((e) => [e, share((f) => f.label === e)]))
    expect(shares.disgust).toBeGreaterThanOrEqual(0.015)
    expect(shares.disgust).toBeLessThanOrEqual(0.03)
    expect(shares.fear).toBeLessThan(0.1)
    for (const e of EMOTIONS)
      if (e !== 'happy') expect(shares.happy).toBeGreaterThan(shares[e] as number)
  })

  it('splits about 80/10/10 with every class in every split', () => {
    expect(share((f) => f.split === 'train')).toBeCloseTo(0.8, 1)
    expect(share((f) => f.split === 'validation')).toBeCloseTo(0.1, 1)
    expect(share((f) => f.split === 'test')).toBeCloseTo(0.1, 1)
    for (const split of SPLITS) {
      for (const e of EMOTIONS)
        expect(faces.some((f) => f.split === split && f.label === e)).toBe(true)
    }
  })

  it('names every face uniquely and as synthetic', () => {
    expect(new Set(faces.map((f) => f.name)).size).toBe(faces.length)
    for (const face of faces)
      expect(face.name).toBe(`synthetic/${face.split}/${face.label}/${face.name.slice(-4)}`)
  })
})

describe('demoClassCounts', () => {
  it('sums to the total with at least three faces per class', () => {
    for (const total of [21, 70, 500, 2100, 10_001]) {
      const counts = demoClassCounts(total)
      expect(counts.reduce((s, c) => s + c, 0)).toBe(total)
      expect(Math.min(...counts)).toBeGreaterThanOrEqual(3)
    }
    expect(() => demoClassCounts(20)).toThrow(/at least 21/)
  })

  it('puts at least one face of a class in each split', () => {
    expect(demoSplits(3)).toEqual(['train', 'validation', 'test'])
    const splits = demoSplits(46)
    expect(splits.filter((s) => s === 'validation')).toHaveLength(5)
    expect(splits.filter((s) => s === 'train')).toHaveLength(36)
  })
})
