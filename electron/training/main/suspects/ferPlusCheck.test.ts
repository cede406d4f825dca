import { describe, expect, it } from 'vitest'

import { ferPlusCheck } from './ferPlusCheck'

describe('ferPlusCheck', () => {
  it('counts real errors among the top suspects with a majority, beside the random baseline', () => {
    // 10 faces, 8 with a majority, 2 of those labelled differently: baseline 2/8.
    const faces = [
      { given: 0, majority: 0 },
      { given: 0, majority: 3 },
      { given: 1, majority: 1 },
      { given: 2, majority: 2 },
      { given: 3, majority: 3 },
      { given: 4, majority: 6 },
      { given: 5, majority: 5 },
      { given: 6, majority: 6 },
      { given: 6, majority: null },
      { given: 2, majority: null },
    ]
    // Ranked suspects: a real error (suggested = majority), one without a majority (skipped),
    // a label FER+ agrees with, a real error with another suggestion.
    const suspects = [
      { given: 0, majority: 3, suggested: 3 },
      { given: 6, majority: null, suggested: 3 },
      { given: 1, majority: 1, suggested: 2 },
      { given: 4, majority: 6, suggested: 2 },
    ]
    const check = ferPlusCheck(faces, suspects)
    expect(check?.baseline).toBe(0.25)
    expect(check?.facesWithMajority).toBe(8)
    expect(check?.precisionAt[0]).toEqual({ n: 100, considered: 3, precision: 2 / 3 })
    expect(check?.suggestionMatchesMajority).toBe(1 / 3)
    expect(check?.suspectsWithMajority).toBe(3)
  })

  it('is null without any FER+ majority', () => {
    expect(ferPlusCheck([{ given: 1, majority: null }], [])).toBeNull()
  })
})
