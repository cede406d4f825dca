import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createComputeEngine } from '../worker/engine/createComputeEngine'
import type { ComputeEngine } from '../worker/engine/types'
import {
  EVAL_CHUNK,
  epochValidationMetrics,
  evaluateArrays,
  evaluateWithTta,
  evaluationResult,
  meanCrossEntropy,
  mirrorFaces,
  predictionsFromProbabilities,
} from './evaluation'
import { centreCropFaces, fiveCropOrigins, copyCrop } from './faceViews'
import { syntheticSnapshot } from '../main/trainerFixtures.testUtil'
import { evalSetOf } from '../worker/trainerData'

// 14 faces, two per class; three mistakes: 0->1, 2->0, 4->6.
const TRUTH = [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6]
const PREDICTED = [0, 1, 1, 1, 2, 0, 3, 3, 4, 6, 5, 5, 6, 6]

/** 0.7 on the predicted class, 0.05 on each other one. */
function probabilitiesFor(predicted: number[]): Float32Array {
  const p = new Float32Array(predicted.length * 7).fill(0.05)
  predicted.forEach((k, i) => (p[i * 7 + k] = 0.7))
  return p
}

describe('evaluation metrics', () => {
  it('takes the arg-max class and its probability, ties going to the lower class', () => {
    const p = probabilitiesFor(PREDICTED)
    const tie = new Float32Array([0.1, 0.4, 0.4, 0.1, 0, 0, 0])
    expect(Array.from(predictionsFromProbabilities(p, 14).predicted)).toEqual(PREDICTED)
    expect(predictionsFromProbabilities(p, 14).confidence[3]).toBeCloseTo(0.7, 6)
    expect(predictionsFromProbabilities(tie, 1).predicted[0]).toBe(1)
  })

  it("matches scikit-learn's classification_report numbers computed by hand", () => {
    const result = evaluationResult({
      runId: 3,
      split: 'test',
      epoch: 2,
      truth: TRUTH,
      predicted: PREDICTED,
      loss: 0.5,
    })
    expect(result.accuracy).toBeCloseTo(11 / 14, 10)
    expect(result.confusion[0]).toEqual([1, 1, 0, 0, 0, 0, 0])
    expect(result.confusion[2]).toEqual([1, 0, 1, 0, 0, 0, 0])
    expect(result.confusion[4]).toEqual([0, 0, 0, 0, 1, 0, 1])
    const expected = [
      [0.5, 0.5, 0.5],
      [2 / 3, 1, 0.8],
      [1, 0.5, 2 / 3],
      [1, 1, 1],
      [1, 0.5, 2 / 3],
      [1, 1, 1],
      [2 / 3, 1, 0.8],
    ]
    result.perClass.forEach((m, k) => {
      expect([m.precision, m.recall, m.f1, m.support]).toEqual([
        expect.closeTo(expected[k]![0]!, 10),
        expect.closeTo(expected[k]![1]!, 10),
        expect.closeTo(expected[k]![2]!, 10),
        2,
      ])
    })
    expect(result.macro.precision).toBeCloseTo(35 / 42, 10)
    expect(result.macro.recall).toBeCloseTo(5.5 / 7, 10)
    expect(result.macro.f1).toBeCloseTo((0.5 + 0.8 + 2 / 3 + 1 + 2 / 3 + 1 + 0.8) / 7, 10)
    // Equal supports: weighted equals macro.
    expect(result.weighted.f1).toBeCloseTo(result.macro.f1, 10)
    expect(result).toMatchObject({ runId: 3, split: 'test', epoch: 2, loss: 0.5 })
  })

  it('gives epoch logs the same accuracy, macro-F1 and matrix', () => {
    const metrics = epochValidationMetrics(TRUTH, probabilitiesFor(PREDICTED))
    expect(metrics.accuracy).toBeCloseTo(11 / 14, 10)
    expect(metrics.macroF1).toBeCloseTo((0.5 + 0.8 + 2 / 3 + 1 + 2 / 3 + 1 + 0.8) / 7, 10)
    expect(metrics.confusion[6]).toEqual([0, 0, 0, 0, 0, 0, 2])
  })

  it('takes the mean cross-entropy of the true classes', () => {
    const p = probabilitiesFor(PREDICTED)
    // 11 faces at 0.7 on their class, 3 at 0.05.
    expect(meanCrossEntropy(p, TRUTH)).toBeCloseTo(
      (-11 * Math.log(0.7) - 3 * Math.log(0.05)) / 14,
      5,
    )
    expect(meanCrossEntropy(new Float32Array(0), [])).toBe(0)
  })
})

describe('mirrorFaces', () => {
  it('mirrors each face left to right and leaves the input alone', () => {
    // Two 3x3 faces, numbered in reading order.
    const x = Float32Array.from({ length: 18 }, (_, i) => i)
    const mirrored = mirrorFaces(x, 2, 3)
    expect(Array.from(mirrored)).toEqual([
      2, 1, 0, 5, 4, 3, 8, 7, 6, 11, 10, 9, 14, 13, 12, 17, 16, 15,
    ])
    expect(x[0]).toBe(0)
    expect(Array.from(mirrorFaces(mirrored, 2, 3))).toEqual(Array.from(x))
  })
})

describe('evaluateArrays', () => {
  let engine: ComputeEngine
  beforeAll(async () => {
    engine = await createComputeEngine({
      model: 'tiny-cnn',
      backend: 'wasm',
      seed: 5,
      maxThreads: 1,
    })
  })
  afterAll(() => engine.dispose())

  it('evaluates in chunks to the same loss and probabilities as one call', async () => {
    const snapshot = syntheticSnapshot({ test: 90 }) // 630 faces: two chunks
    const set = evalSetOf(
      snapshot,
      Int32Array.from({ length: snapshot.count }, (_, i) => i),
    )
    expect(set.count).toBeGreaterThan(EVAL_CHUNK)
    const chunked = await evaluateArrays(engine, set)
    const whole = await engine.evaluate(set.x, set.y, set.count)
    expect(chunked!.loss).toBeCloseTo(whole.loss, 5)
    expect(chunked!.probabilities[630 * 7 - 1]).toBeCloseTo(whole.probabilities[630 * 7 - 1]!, 5)
  })

  it('stops between chunks when asked', async () => {
    const snapshot = syntheticSnapshot({ test: 90 })
    const set = evalSetOf(
      snapshot,
      Int32Array.from({ length: snapshot.count }, (_, i) => i),
    )
    let asked = 0
    expect(await evaluateArrays(engine, set, () => ++asked > 1)).toBeNull()
    expect(asked).toBe(2)
  })

  it("with flip TTA averages each face's probabilities with its mirror image's", async () => {
    const snapshot = syntheticSnapshot({ test: 4 })
    const set = evalSetOf(
      snapshot,
      Int32Array.from({ length: snapshot.count }, (_, i) => i),
    )
    const plain = await evaluateArrays(engine, set)
    const mirrored = await evaluateArrays(engine, {
      ...set,
      x: mirrorFaces(set.x, set.count, engine.inputSize),
    })
    const tta = await evaluateWithTta(engine, set, 'flip')
    expect(await evaluateWithTta(engine, set, 'none')).toEqual(plain)
    for (const i of [0, 5, set.count * 7 - 1]) {
      expect(tta!.probabilities[i]).toBeCloseTo(
        (plain!.probabilities[i]! + mirrored!.probabilities[i]!) / 2,
        6,
      )
    }
    // The mirror changes what the model sees, so the averages differ from the plain pass.
    expect(Array.from(tta!.probabilities)).not.toEqual(Array.from(plain!.probabilities))
    expect(tta!.loss).toBeCloseTo(meanCrossEntropy(tta!.probabilities, set.y), 6)
  })
})

describe('evaluation of a model trained on 44px crops of 48px faces', () => {
  let engine: ComputeEngine
  beforeAll(async () => {
    engine = await createComputeEngine({
      model: 'tiny-cnn',
      backend: 'wasm',
      seed: 5,
      maxThreads: 1,
      inputSize: 44,
    })
  })
  afterAll(() => engine.dispose())

  const wholeSet = () => {
    const snapshot = syntheticSnapshot({ test: 2 })
    return evalSetOf(
      snapshot,
      Int32Array.from({ length: snapshot.count }, (_, i) => i),
    )
  }

  it('sees the centre crop of each face without TTA (and evalSetOf can cut it up front)', async () => {
    const set = wholeSet()
    expect(set.size).toBe(48)
    const centre = centreCropFaces(set.x, set.count, 48, 44)
    const direct = await engine.evaluate(centre, set.y, set.count)
    const plain = await evaluateWithTta(engine, set, 'none')
    expect(Array.from(plain!.probabilities)).toEqual(Array.from(direct.probabilities))
    const snapshot = syntheticSnapshot({ test: 2 })
    const cropped = evalSetOf(
      snapshot,
      Int32Array.from({ length: snapshot.count }, (_, i) => i),
      44,
    )
    expect(cropped.size).toBe(44)
    expect(Array.from(cropped.x)).toEqual(Array.from(centre))
  })

  it('averages the ten crops (four corners and centre, each mirrored) with ten-crop', async () => {
    const set = wholeSet()
    const tta = await evaluateWithTta(engine, set, 'ten-crop')
    // By hand for face 3: each of the ten views through the engine, then the mean.
    const face = set.x.subarray(3 * 48 * 48, 4 * 48 * 48)
    const views = new Float32Array(10 * 44 * 44)
    let v = 0
    for (const mirror of [false, true])
      for (const origin of fiveCropOrigins(48, 44))
        copyCrop(face, 48, 44, origin, mirror, views, v++ * 44 * 44)
    const each = await engine.predict(views, 10)
    for (let k = 0; k < 7; k++) {
      let sum = 0
      for (let view = 0; view < 10; view++) sum += each[view * 7 + k]!
      expect(tta!.probabilities[3 * 7 + k]).toBeCloseTo(sum / 10, 5)
    }
    const plain = await evaluateWithTta(engine, set, 'none')
    expect(Array.from(tta!.probabilities)).not.toEqual(Array.from(plain!.probabilities))
    expect(tta!.loss).toBeCloseTo(meanCrossEntropy(tta!.probabilities, set.y), 6)
  })

  it('refuses ten-crop for a model that takes whole faces', async () => {
    const whole = await createComputeEngine({
      model: 'tiny-cnn',
      backend: 'wasm',
      seed: 5,
      maxThreads: 1,
    })
    try {
      await expect(evaluateWithTta(whole, wholeSet(), 'ten-crop')).rejects.toThrow(/ten-crop/)
    } finally {
      await whole.dispose()
    }
  })
})
