import { describe, expect, it } from 'vitest'

import { balancePlan, classCounts, classWeights } from './balance'

describe('classCounts', () => {
  it('counts faces per class and rejects labels outside 0..6', () => {
    expect(classCounts(Int32Array.from([0, 3, 3, 6, 3]))).toEqual([1, 0, 0, 3, 0, 0, 1])
    expect(() => classCounts([0, 7])).toThrow(/label 7 at index 1/)
    expect(() => classCounts([-1])).toThrow(/label -1/)
  })
})

describe('classWeights', () => {
  it("matches scikit-learn's compute_class_weight('balanced')", () => {
    // >>> compute_class_weight('balanced', classes=np.array([0, 1, 2]), y=[0]*6 + [1]*3 + [2])
    // array([0.55555556, 1.11111111, 3.33333333])
    const weights = classWeights([6, 3, 1], 'balanced')
    expect(weights[0]).toBeCloseTo(0.55555556, 7)
    expect(weights[1]).toBeCloseTo(1.11111111, 7)
    expect(weights[2]).toBeCloseTo(3.33333333, 7)
  })

  it('counts only present classes and gives absent ones 0', () => {
    const weights = classWeights([6, 3, 1, 0, 0, 0, 0], 'balanced')
    expect(weights.slice(3)).toEqual([0, 0, 0, 0])
    expect(weights[2]).toBeCloseTo(10 / 3, 10)
  })

  it("gives 1 for 'none' and passes custom weights through", () => {
    expect(classWeights([5, 1, 0], 'none')).toEqual([1, 1, 1])
    const custom = [1, 4, 2, 1, 1, 3, 1]
    expect(classWeights([1, 1, 1, 1, 1, 1, 1], { custom })).toEqual(custom)
    expect(() => classWeights([1, 1], { custom })).toThrow(/7 custom weights for 2 classes/)
  })
})

describe('balancePlan', () => {
  const counts = [400, 40, 150, 900, 500, 0, 300]

  it("raises every present class to the largest with 'max'", () => {
    const plan = balancePlan(counts, { classWeights: 'none', oversampleTo: 'max' })
    expect(plan.before).toEqual(counts)
    expect(plan.after).toEqual([900, 900, 900, 900, 900, 0, 900])
    expect(plan.classWeights).toEqual([1, 1, 1, 1, 1, 1, 1])
  })

  it('raises classes below N to N and leaves the others', () => {
    const plan = balancePlan(counts, { classWeights: 'none', oversampleTo: 350 })
    expect(plan.after).toEqual([400, 350, 350, 900, 500, 0, 350])
  })

  it('leaves counts alone without oversampling and weighs what an epoch contains', () => {
    expect(balancePlan(counts, { classWeights: 'none', oversampleTo: null }).after).toEqual(counts)
    const both = balancePlan(counts, { classWeights: 'balanced', oversampleTo: 'max' })
    expect(both.classWeights).toEqual([1, 1, 1, 1, 1, 0, 1])
    const weighted = balancePlan(counts, { classWeights: 'balanced', oversampleTo: null })
    expect(weighted.classWeights[1]).toBeCloseTo(2290 / (6 * 40), 10)
  })
})
