import { describe, expect, it } from 'vitest'

import { FERPLUS_VOTE_NAMES, ferPlusDistribution, isNotAFaceMajority } from './ferplus'

/** Votes by FER+ column name. */
const votes = (byName: Record<string, number>) => FERPLUS_VOTE_NAMES.map((n) => byName[n] ?? 0)

describe('FER+ votes as targets', () => {
  it('renormalises the seven emotions, FER2013 order, dropping contempt, unknown and NF', () => {
    const d = ferPlusDistribution(
      votes({ happiness: 6, neutral: 2, contempt: 1, unknown: 1, NF: 0 }),
    )
    // angry, disgust, fear, happy, sad, surprise, neutral
    expect(d).toEqual([0, 0, 0, 0.75, 0, 0, 0.25])
  })

  it('has no distribution when only contempt, unknown or not-a-face were voted', () => {
    expect(ferPlusDistribution(votes({ contempt: 3, unknown: 2, NF: 5 }))).toBeNull()
    expect(ferPlusDistribution(votes({}))).toBeNull()
  })

  it('calls not-a-face the majority only when it has strictly the most votes', () => {
    expect(isNotAFaceMajority(votes({ NF: 6, happiness: 4 }))).toBe(true)
    expect(isNotAFaceMajority(votes({ NF: 5, happiness: 5 }))).toBe(false)
    expect(isNotAFaceMajority(votes({ NF: 1, sadness: 9 }))).toBe(false)
    expect(isNotAFaceMajority(votes({}))).toBe(false)
  })
})
