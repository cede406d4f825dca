import { describe, expect, it } from 'vitest'

import { classificationReport, confusionMatrix, formatClassificationReport } from './metrics'

describe('classificationReport', () => {
  // y_true = [0,0,1,1,1,2], y_pred = [0,1,1,1,0,2]; scikit-learn gives:
  // class 0: p=0.5 r=0.5 f1=0.5 s=2; class 1: p=2/3 r=2/3 f1=2/3 s=3; class 2: p=1 r=1 f1=1 s=1
  const confusion = confusionMatrix([0, 0, 1, 1, 1, 2], [0, 1, 1, 1, 0, 2], 3)

  it('counts the confusion matrix with true labels as rows', () => {
    expect(confusion).toEqual([
      [1, 1, 0],
      [1, 2, 0],
      [0, 0, 1],
    ])
  })

  it('matches scikit-learn per class, macro and weighted', () => {
    const report = classificationReport(confusion)
    expect(report.accuracy).toBeCloseTo(4 / 6)
    expect(report.perClass[0]).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2 })
    expect(report.perClass[1]?.f1).toBeCloseTo(2 / 3)
    expect(report.macro.f1).toBeCloseTo((0.5 + 2 / 3 + 1) / 3)
    expect(report.weighted.f1).toBeCloseTo((0.5 * 2 + (2 / 3) * 3 + 1) / 6)
  })

  it('gives 0, not NaN, for a class never predicted (zero_division=0)', () => {
    const report = classificationReport(confusionMatrix([0, 1], [0, 0], 2))
    expect(report.perClass[1]).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 })
    expect(report.perClass[0]?.precision).toBe(0.5)
  })

  it('prints in scikit-learn layout', () => {
    const text = formatClassificationReport(classificationReport(confusion), ['a', 'b', 'c'])
    expect(text).toContain('precision')
    expect(text).toContain('macro avg')
    expect(text).toMatch(/accuracy\s+0\.67\s+6/)
  })
})
