import * as tf from '../../../common/tf'
import { beforeAll, describe, expect, it } from 'vitest'

import { getModelDefinition, MODEL_DEFINITIONS } from '../../../common/models/registry'
import { oneHotTargets } from '../../data/targets'

import { compileInferenceGraph, weightsOf } from './compileInference'
import { createOnnxEngine } from './onnxEngine'
import { openOrtInference } from './ortInference'
import { readPresetLayers } from './presetLayers'

/** Crop sides a run may train at (random crops of 48-px faces). */
const SIZES = [32, 40, 44, 47] as const

function pseudoRandom(n: number, seed: number): Float32Array {
  let s = seed
  return Float32Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648
    return s / 2147483648
  })
}

describe('presets at crop sizes', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu')
  })

  const cases = MODEL_DEFINITIONS.flatMap((d) => SIZES.map((size) => [d.name, size] as const))

  it.each(cases)(
    '%s at %ipx: 7 probabilities per face, and ONNX Runtime agrees with tfjs within 1e-5',
    async (name, size) => {
      const definition = getModelDefinition(name, size)
      expect(definition.inputSize).toBe(size)
      const model = definition.build(5)
      expect(model.inputs[0]?.shape).toEqual([null, size, size, 1])
      const count = 3
      const x = pseudoRandom(count * size * size, size)
      const expected = tf.tidy(
        () =>
          (
            model.predict(tf.tensor4d(x, [count, size, size, 1])) as tf.Tensor
          ).dataSync() as Float32Array,
      )
      expect(expected.length).toBe(count * 7)
      const bytes = compileInferenceGraph({
        layers: readPresetLayers(model),
        weights: weightsOf(model),
        inputSize: size,
      })
      const opened = await openOrtInference(bytes, size, { threads: 1 })
      if (!opened.ok) throw new Error(opened.reason)
      const actual = await opened.inference.predict(x, count)
      await opened.inference.dispose()
      model.dispose()
      const diff = actual.reduce((m, v, i) => Math.max(m, Math.abs(v - (expected[i] as number))), 0)
      expect(diff).toBeLessThan(1e-5)
    },
    120_000,
  )

  it('the 48-px preset is the registered one; another size is a rebuilt copy', () => {
    const plain = getModelDefinition('tiny-cnn')
    expect(getModelDefinition('tiny-cnn', null)).toBe(plain)
    expect(getModelDefinition('tiny-cnn', 48)).toBe(plain)
    expect(getModelDefinition('tiny-cnn', 44).withInputSize(48).inputSize).toBe(48)
  })

  it('trains tiny-cnn at 44px on ONNX Runtime (the compiled training graph takes the crop)', async () => {
    const size = 44
    const engine = await createOnnxEngine({
      definition: getModelDefinition('tiny-cnn', size),
      seed: 1,
      threads: 1,
    })
    try {
      expect(engine.inputSize).toBe(size)
      const count = 8
      const x = pseudoRandom(count * size * size, 9)
      const y = Int32Array.from({ length: count }, (_, i) => i % 7)
      const losses: number[] = []
      for (let i = 0; i < 4; i++) {
        const targets = oneHotTargets(y)
        const r = await engine.trainBatch({
          x,
          targets,
          count,
          sampleWeights: null,
          learningRate: 1e-2,
        })
        losses.push(r.loss)
      }
      expect(losses.every(Number.isFinite)).toBe(true)
      expect(losses.at(-1)).toBeLessThan(losses[0] as number)
      expect((await engine.predict(x, count)).length).toBe(count * 7)
    } finally {
      await engine.dispose()
    }
  }, 120_000)
})
