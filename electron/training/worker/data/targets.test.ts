import { describe, expect, it } from 'vitest'

import { syntheticSnapshot } from '../../main/trainerFixtures.testUtil'
import { createBatchIterator, type FaceArrays } from './batches'
import { betaSymmetric, mixBatch } from './mixup'
import { createRng } from './rng'
import { fillTarget, oneHotTargets } from './targets'

function faces(soft: Float32Array | null = null): FaceArrays {
  const s = syntheticSnapshot({ train: 1 })
  return {
    size: s.faceSize,
    count: s.count,
    pixels: s.pixels,
    labels: Int32Array.from(s.labels),
    faceIds: s.faceIds,
    soft,
  }
}

const rows = (targets: Float32Array) =>
  Array.from({ length: targets.length / 7 }, (_, i) =>
    Array.from(targets.subarray(i * 7, i * 7 + 7)),
  )

describe('batch targets', () => {
  const order = Int32Array.from([0, 1, 2, 3, 4, 5, 6])
  const base = { order, batchSize: 7, augment: null, seed: 1, epoch: 1 }

  it('hard labels become one-hot rows, and class weights still weight each face', () => {
    const weights = [1, 2, 3, 4, 5, 6, 7]
    const [batch] = [...createBatchIterator({ ...base, faces: faces(), classWeights: weights })]
    expect(rows(batch!.targets)).toEqual(rows(oneHotTargets(batch!.y)))
    expect(Array.from(batch!.sampleWeights!)).toEqual(Array.from(batch!.y, (l) => weights[l]!))
  })

  it('label smoothing eps gives 1 - eps + eps/7 to the label and eps/7 elsewhere', () => {
    const [batch] = [
      ...createBatchIterator({ ...base, faces: faces(), classWeights: null, labelSmoothing: 0.1 }),
    ]
    rows(batch!.targets).forEach((row, i) => {
      row.forEach((v, k) => expect(v).toBeCloseTo(k === batch!.y[i] ? 0.9 + 0.1 / 7 : 0.1 / 7, 6))
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6)
    })
  })

  it('soft targets go in as given (then smoothed)', () => {
    const soft = new Float32Array(7 * 7)
    for (let i = 0; i < 7; i++) {
      soft[i * 7 + i] = 0.6
      soft[i * 7 + ((i + 1) % 7)] = 0.4
    }
    const out = new Float32Array(7)
    fillTarget(out, 0, 5, soft, 2, 0)
    expect(Array.from(out)).toEqual(Array.from(soft.subarray(14, 21)))
    fillTarget(out, 0, 5, soft, 2, 0.5)
    expect(out[2]).toBeCloseTo(0.3 + 0.5 / 7, 6)
    expect(out[3]).toBeCloseTo(0.2 + 0.5 / 7, 6)
    const [batch] = [...createBatchIterator({ ...base, faces: faces(soft), classWeights: null })]
    batch!.faceIds.forEach((id, j) => {
      const index = id - 1
      expect(rows(batch!.targets)[j]).toEqual(Array.from(soft.subarray(index * 7, index * 7 + 7)))
    })
  })

  it('mixup blends faces, targets and weights of random pairs with lambda >= 0.5', () => {
    const [plain] = [
      ...createBatchIterator({ ...base, faces: faces(), classWeights: [1, 2, 3, 4, 5, 6, 7] }),
    ]
    const [mixed] = [
      ...createBatchIterator({
        ...base,
        faces: faces(),
        classWeights: [1, 2, 3, 4, 5, 6, 7],
        mixup: 0.4,
      }),
    ]
    expect(Array.from(mixed!.x)).not.toEqual(Array.from(plain!.x))
    rows(mixed!.targets).forEach((row, i) => {
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5)
      // Each face keeps the larger share of its own label.
      expect(row[plain!.y[i]!]).toBeGreaterThanOrEqual(0.5 - 1e-6)
    })
    const copy = {
      ...plain!,
      x: plain!.x.slice(),
      targets: plain!.targets.slice(),
      sampleWeights: plain!.sampleWeights!.slice(),
    }
    const lambda = mixBatch(copy, 0.4, createRng(3))
    expect(lambda).toBeGreaterThanOrEqual(0.5)
    for (let i = 0; i < 7; i++) {
      const share = copy.targets[i * 7 + plain!.y[i]!]!
      const partnerWeight =
        (copy.sampleWeights[i]! - lambda * plain!.sampleWeights![i]!) / (1 - lambda)
      // The partner's weight is one of the batch's weights.
      expect(
        Array.from(plain!.sampleWeights!).some((w) => Math.abs(w - partnerWeight) < 1e-3),
      ).toBe(true)
      expect(share).toBeGreaterThanOrEqual(lambda - 1e-6)
    }
  })

  it('draws Beta(alpha, alpha) with mean 1/2 and the right spread', () => {
    const rng = createRng(11)
    const draws = Array.from({ length: 4000 }, () => betaSymmetric(0.4, rng))
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length
    const variance = draws.reduce((a, b) => a + (b - mean) ** 2, 0) / draws.length
    expect(mean).toBeCloseTo(0.5, 1)
    // Var Beta(a, a) = 1 / (4 (2a + 1)) = 0.1389 for a = 0.4.
    expect(variance).toBeGreaterThan(0.12)
    expect(variance).toBeLessThan(0.16)
  })
})
