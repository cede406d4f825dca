import * as tf from '../../../common/tf'
import { describe, expect, it } from 'vitest'

import { MODEL_DEFINITIONS } from '../../../common/models/registry'

import { readPresetLayers } from './presetLayers'

describe('readPresetLayers', () => {
  it.each(MODEL_DEFINITIONS.map((d) => [d.name, d] as const))(
    'reads %s with every weight referenced once, by position and shape',
    (_name, definition) => {
      const model = definition.build(0)
      const layers = readPresetLayers(model)
      expect(layers).toHaveLength(model.layers.length)
      const refs = layers.flatMap((l) =>
        l.kind === 'conv2d' || l.kind === 'dense'
          ? [l.kernel, l.bias]
          : l.kind === 'batchNorm'
            ? [l.gamma, l.beta, l.movingMean, l.movingVariance]
            : [],
      )
      const indices = refs.flatMap((r) => (r ? [r.index] : [])).sort((a, b) => a - b)
      expect(indices).toEqual(model.weights.map((_, i) => i))
      for (const ref of refs) {
        if (!ref) continue
        expect(ref.shape).toEqual(model.weights[ref.index]!.shape)
        expect(ref.trainable).toBe(model.weights[ref.index]!.trainable)
      }
      model.dispose()
    },
  )

  it('reads fast-cnn layer by layer: stride-2 stem, BN momentum, pooling, dropout, softmax', () => {
    const model = MODEL_DEFINITIONS.find((d) => d.name === 'fast-cnn')!.build(0)
    const layers = readPresetLayers(model)
    expect(layers.map((l) => l.kind)).toEqual([
      ...['conv2d', 'batchNorm', 'conv2d', 'batchNorm', 'maxPool'],
      ...['conv2d', 'batchNorm', 'maxPool', 'conv2d', 'batchNorm', 'maxPool'],
      ...['conv2d', 'batchNorm', 'conv2d', 'batchNorm'],
      ...['globalAveragePool', 'dropout', 'dense'],
    ])
    expect(layers[0]).toMatchObject({
      kind: 'conv2d',
      kernelSize: [5, 5],
      strides: [2, 2],
      padding: 'same',
      activation: 'relu',
      inputShape: [48, 48, 1],
      outputShape: [24, 24, 32],
    })
    expect(layers[1]).toMatchObject({ kind: 'batchNorm', momentum: 0.9, epsilon: 0.001 })
    expect(layers[4]).toMatchObject({ kind: 'maxPool', poolSize: [2, 2], strides: [2, 2] })
    expect(layers[16]).toMatchObject({ kind: 'dropout', rate: 0.3 })
    expect(layers[17]).toMatchObject({ kind: 'dense', units: 7, activation: 'softmax' })
    model.dispose()
  })

  it('reads a model loaded while the original is alive (tfjs renames its variables)', async () => {
    const model = MODEL_DEFINITIONS.find((d) => d.name === 'tiny-cnn')!.build(0)
    let saved: tf.io.ModelArtifacts | null = null
    await model.save(
      tf.io.withSaveHandler((a) =>
        Promise.resolve({ modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON((saved = a)) }),
      ),
    )
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved!))
    expect(loaded.weights.some((w) => /_\d+$/.test(w.name))).toBe(true)
    const layers = readPresetLayers(loaded)
    expect(layers.filter((l) => l.kind === 'batchNorm')).toHaveLength(2)
    model.dispose()
    loaded.dispose()
  })

  it('names the layer and the problem when a layer cannot be compiled', () => {
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 2, kernelSize: 3, activation: 'tanh' }),
      ],
    })
    expect(() => readPresetLayers(model)).toThrow(
      /Layer '.*' cannot be compiled to ONNX: activation 'tanh'/,
    )
    const lstm = tf.sequential({
      layers: [
        tf.layers.simpleRNN({
          inputShape: [4, 2],
          units: 3,
          recurrentInitializer: 'glorotUniform',
        }),
      ],
    })
    expect(() => readPresetLayers(lstm)).toThrow(/layer type SimpleRNN is not supported/)
    model.dispose()
    lstm.dispose()
  })
})
