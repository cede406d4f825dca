import * as tf from '../../../common/tf'
import { beforeAll, describe, expect, it } from 'vitest'

import { MODEL_DEFINITIONS } from '../../../common/models/registry'

import { compileInferenceGraph, weightsOf } from './compileInference'
import { readModelMetadata } from './onnxBuilder'
import { openOrtInference } from './ortInference'
import { readPresetLayers } from './presetLayers'

/** Deterministic pseudo-random floats in [lo, hi). */
function random(n: number, seed: number, lo = 0, hi = 1): Float32Array {
  let s = seed >>> 0 || 1
  return Float32Array.from({ length: n }, () => {
    s ^= s << 13
    s ^= s >>> 17
    s ^= s << 5
    return lo + ((s >>> 0) / 4294967296) * (hi - lo)
  })
}

/** Gives BatchNorm non-trivial statistics so the test sees whether they are applied right. */
function perturbBatchNorm(model: tf.LayersModel): void {
  model.weights.forEach((w, i) => {
    const v = w.read() as tf.Variable
    const lo = /moving_variance|gamma/.test(w.name) ? 0.5 : -0.3
    const hi = /moving_variance|gamma/.test(w.name) ? 1.5 : 0.3
    if (/moving_mean|moving_variance|gamma|beta/.test(w.name)) {
      v.assign(tf.tensor(random(v.size, 100 + i, lo, hi), v.shape))
    }
  })
}

async function compare(model: tf.LayersModel, size: number, count: number) {
  const x = random(count * size * size, 7)
  const expected = tf.tidy(
    () =>
      (
        model.predict(tf.tensor4d(x, [count, size, size, 1])) as tf.Tensor
      ).dataSync() as Float32Array,
  )
  const bytes = compileInferenceGraph({
    layers: readPresetLayers(model),
    weights: weightsOf(model),
    inputSize: size,
    metadata: { note: 'test' },
  })
  expect(readModelMetadata(bytes)).toEqual({ note: 'test' })
  const opened = await openOrtInference(bytes, size, { threads: 2 })
  if (!opened.ok) throw new Error(opened.reason)
  const actual = await opened.inference.predict(x, count)
  await opened.inference.dispose()
  return { expected, actual }
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length)
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0)
}

describe('compileInferenceGraph', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu')
  })

  it.each(MODEL_DEFINITIONS.map((d) => [d.name, d] as const))(
    '%s on ONNX Runtime gives the probabilities of tfjs (cpu) within 1e-5',
    async (_name, definition) => {
      const model = definition.build(3)
      perturbBatchNorm(model)
      const { expected, actual } = await compare(model, definition.inputSize, 5)
      // The probabilities are not trivially uniform, so agreement means something.
      expect(Math.max(...expected) - Math.min(...expected)).toBeGreaterThan(0.01)
      expect(maxAbsDiff(actual, expected)).toBeLessThan(1e-5)
      model.dispose()
    },
    120_000,
  )

  it('handles valid padding, odd sizes, a separate activation and a flatten of 4-D data', async () => {
    const init = () => tf.initializers.glorotUniform({ seed: 5 })
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({
          inputShape: [11, 11, 1],
          filters: 3,
          kernelSize: 4,
          strides: 2,
          padding: 'valid',
          kernelInitializer: init(),
          biasInitializer: 'glorotUniform',
        }),
        tf.layers.activation({ activation: 'relu' }),
        tf.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same' }),
        tf.layers.batchNormalization({ center: false, scale: false }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 7, kernelInitializer: init() }),
        tf.layers.activation({ activation: 'softmax' }),
      ],
    })
    perturbBatchNorm(model)
    const { expected, actual } = await compare(model, 11, 4)
    expect(maxAbsDiff(actual, expected)).toBeLessThan(1e-5)
    model.dispose()
  })

  it('predicts more faces than one session run takes (chunks of 256) in order', async () => {
    const model = MODEL_DEFINITIONS.find((d) => d.name === 'tiny-cnn')!.build(2)
    perturbBatchNorm(model)
    const { expected, actual } = await compare(model, 48, 300)
    expect(maxAbsDiff(actual, expected)).toBeLessThan(1e-5)
    model.dispose()
  })

  it('evaluates like the training core: summed clipped cross-entropy', async () => {
    const definition = MODEL_DEFINITIONS.find((d) => d.name === 'tiny-cnn')!
    const model = definition.build(1)
    const bytes = compileInferenceGraph({
      layers: readPresetLayers(model),
      weights: weightsOf(model),
      inputSize: 48,
    })
    const opened = await openOrtInference(bytes, 48)
    if (!opened.ok) throw new Error(opened.reason)
    const x = random(3 * 48 * 48, 11)
    const y = Int32Array.from([0, 3, 6])
    const { lossSum, probabilities } = await opened.inference.evaluate(x, y, 3)
    const expected = -[0, 3, 6].reduce((s, c, i) => s + Math.log(probabilities[i * 7 + c]!), 0)
    expect(lossSum).toBeCloseTo(expected, 5)
    await expect(opened.inference.predict(x, 4)).rejects.toThrow(/expected 4 faces/)
    await opened.inference.dispose()
    model.dispose()
  })
})
