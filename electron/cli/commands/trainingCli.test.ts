import { describe, expect, it } from 'vitest'

import type { EvaluationResult } from '../../../shared/domain/training'
import { evaluationResult } from '../../training/common/evaluation'
import { duration, formatEvaluation, percent } from './trainingCli'

describe('training CLI formatting', () => {
  it("prints scikit-learn's report layout and the confusion matrix", () => {
    const result: EvaluationResult = evaluationResult({
      runId: 1,
      split: 'test',
      epoch: 3,
      truth: [0, 1, 2, 3, 4, 5, 6, 6],
      predicted: [0, 1, 2, 3, 4, 5, 6, 0],
      loss: 0.25,
    })
    const text = formatEvaluation(result)
    expect(text).toContain('test split, weights of epoch 3: accuracy 87.5%')
    expect(text).toMatch(/ {12}precision {4}recall {2}f1-score {3}support/)
    expect(text).toMatch(/ {7}angry {6}0\.50 {6}1\.00 {6}0\.67 {9}1/)
    expect(text).toMatch(/ {4}accuracy {26}0\.88 {9}8/)
    expect(text).toMatch(/neutral {15}1 {8}0 {5}0 {6}0 {4}0 {9}0 {8}1/)
  })

  it('formats rates and durations for people', () => {
    expect(percent(0.4567)).toBe('45.7%')
    expect(percent(null)).toBe('-')
    expect(duration(75_000)).toBe('1m15s')
    expect(duration(3_723_000)).toBe('1h02m')
    expect(duration(null)).toBe('-')
  })
})
