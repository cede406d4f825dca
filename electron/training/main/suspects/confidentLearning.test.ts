import { describe, expect, it } from 'vitest'

import {
  argmaxConfusion,
  calibrateJoint,
  confidentJoint,
  confidentLearning,
  findLabelIssues,
  noiseMatrix,
  perClassThresholds,
  pruneCounts,
  roundPreservingRowTotals,
} from './confidentLearning'

/**
 * Six faces, three classes, worked out by hand:
 *   face  given  p0   p1   p2
 *   0     0      .8   .1   .1
 *   1     0      .6   .3   .1
 *   2     0      .1   .8   .1   <- given 0, looks like a 1
 *   3     1      .2   .7   .1
 *   4     1      .1   .9   0
 *   5     2      .1   .1   .8
 * Thresholds: t0 = (.8+.6+.1)/3 = .5, t1 = (.7+.9)/2 = .8, t2 = .8.
 * Confident classes: 0 -> {0}, 1 -> {0}, 2 -> {1}, 3 -> {} (.7 < .8, not counted), 4 -> {1},
 * 5 -> {2}. Confident joint [[2,1,0],[0,1,0],[0,0,1]]; calibrated with counts [3,2,1]: row 1
 * becomes [0,2,0]. Noise matrix columns: [1,0,0], [1/3,2/3,0], [0,0,1]. One issue: face 2,
 * suggested 1 (p .8), self-confidence .1, normalized margin (.1 - .8 + 1)/2 = .15.
 */
const six = {
  classes: 3,
  labels: [0, 0, 0, 1, 1, 2],
  probabilities: [
    [0.8, 0.1, 0.1],
    [0.6, 0.3, 0.1],
    [0.1, 0.8, 0.1],
    [0.2, 0.7, 0.1],
    [0.1, 0.9, 0],
    [0.1, 0.1, 0.8],
  ].flat(),
}

describe('confident learning on a hand-computed case', () => {
  it('thresholds are each class mean self-confidence', () => {
    const t = perClassThresholds(six)
    expect(t[0]).toBeCloseTo(0.5, 12)
    expect(t[1]).toBeCloseTo(0.8, 12)
    expect(t[2]).toBeCloseTo(0.8, 12)
  })

  it('counts each face once where it is confidently, and skips faces confident nowhere', () => {
    expect(confidentJoint(six)).toEqual([
      [2, 1, 0],
      [0, 1, 0],
      [0, 0, 1],
    ])
  })

  it('calibrates rows to the label counts and estimates the noise matrix', () => {
    const calibrated = calibrateJoint(confidentJoint(six), [3, 2, 1])
    expect(calibrated).toEqual([
      [2, 1, 0],
      [0, 2, 0],
      [0, 0, 1],
    ])
    const noise = noiseMatrix(calibrated)
    expect(noise[0]).toEqual([1, 1 / 3, 0])
    expect(noise[1]).toEqual([0, 2 / 3, 0])
    expect(noise[2]).toEqual([0, 0, 1])
  })

  it('finds face 2 with its suggested label, ranked by self-confidence or normalized margin', () => {
    const result = confidentLearning(six)
    expect(result.issues).toHaveLength(1)
    const [issue] = result.issues
    expect(issue).toMatchObject({ index: 2, given: 0, suggested: 1 })
    expect(issue?.suggestedProbability).toBeCloseTo(0.8, 12)
    expect(issue?.score).toBeCloseTo(0.1, 12)
    const margin = confidentLearning(six, 'normalizedMargin').issues[0]
    expect(margin?.score).toBeCloseTo(0.15, 12)
  })
})

describe('the parts on their own', () => {
  it('takes the overall most probable class when a face is confident in several', () => {
    // t0 = .5, t1 = .45: face 0 (.5, .45) is confident in both -> argmax 0; face 1 only in 1.
    const data = { classes: 2, labels: [0, 1], probabilities: [0.5, 0.45, 0.55, 0.45] }
    expect(confidentJoint(data)).toEqual([
      [1, 0],
      [1, 0],
    ])
  })

  it('calibration rescales to n and rounds keeping each row total (largest remainder)', () => {
    // Rows scaled to counts [4, 2, 2]: [2,2,0], [0,2,0], [0,0,0] (no confident face given 2).
    // Sum 6 -> times 8/6: [2.67, 2.67, 0] (total 5.33 -> 5) and [0, 2.67, 0] (-> 3).
    expect(
      calibrateJoint(
        [
          [1, 1, 0],
          [0, 1, 0],
          [0, 0, 0],
        ],
        [4, 2, 2],
      ),
    ).toEqual([
      [3, 2, 0],
      [0, 3, 0],
      [0, 0, 0],
    ])
    expect(roundPreservingRowTotals([[0.5, 0.25, 0.25]])).toEqual([[1, 0, 0]])
  })

  it('keeps at least one face per given label out of the issues', () => {
    // Given 1: diagonal 0 raised to 1, the one noisy cell (true 0: 2) loses it.
    expect(
      pruneCounts([
        [3, 0],
        [2, 0],
      ]),
    ).toEqual([
      [3, 0],
      [1, 1],
    ])
  })

  it('flags the faces with the largest margin toward the true class, never an argmax = given', () => {
    // Given 0, three faces; the calibrated joint says 2 of them are truly 1. Margins p1 - p0:
    // .4, .2, -.6, so faces 0 and 1 (both most probably 1).
    const data = {
      classes: 2,
      labels: [0, 0, 0, 1],
      probabilities: [0.3, 0.7, 0.4, 0.6, 0.8, 0.2, 0.1, 0.9],
    }
    const issues = findLabelIssues(data, [
      [1, 2],
      [0, 1],
    ])
    expect(issues.map((i) => i.index)).toEqual([0, 1])
    // A cell that asks for more faces than disagree still never flags an agreeing face.
    const greedy = findLabelIssues(data, [
      [1, 3],
      [0, 1],
    ])
    expect(greedy.map((i) => i.index)).toEqual([0, 1])
  })

  it('counts given against most probable label for the out-of-fold confusion matrix', () => {
    expect(argmaxConfusion(six)).toEqual([
      [2, 1, 0],
      [0, 2, 0],
      [0, 0, 1],
    ])
  })

  it('refuses probabilities of the wrong shape or labels out of range', () => {
    expect(() => perClassThresholds({ classes: 2, labels: [0], probabilities: [1] })).toThrow(
      /1 probabilities for 1 faces of 2 classes/,
    )
    expect(() => perClassThresholds({ classes: 2, labels: [2], probabilities: [1, 0] })).toThrow(
      /face 0 has label 2/,
    )
  })
})
