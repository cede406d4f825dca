import * as tf from '../../common/tf'
import { describe, expect, it } from 'vitest'

import { expectClose, seededValues, valuesOn } from '../kernels/crossBackend.testUtil'
import { buildFastCnn } from '../../common/models/fastCnn'
import { getModelDefinition } from '../../common/models/registry'
import { buildSeedCnn } from '../../common/models/seedCnn'

import { batchNormTrain } from './trainingOps'
import { compileTrainingGraph } from './trainingGraph'

const N = 4

/**
 * The reference: tfjs-layers' own training-mode layers (on the cpu backend), dropout keeping
 * every unit (scaled by 1 / keep) so it matches a graph whose generator always draws 0.
 */
function referenceLoss(model: tf.Sequential, x: tf.Tensor, labels: tf.Tensor1D): tf.Scalar {
  let h = x
  for (const layer of model.layers) {
    const rate = layer.getClassName() === 'Dropout' ? (layer.getConfig()['rate'] as number) : null
    h =
      rate !== null ? tf.mul(h, 1 / (1 - rate)) : (layer.apply(h, { training: true }) as tf.Tensor)
  }
  return tf.mean(tf.neg(tf.log(tf.sum(tf.mul(h, tf.oneHot(labels, 7)), 1))))
}

function graphLoss(model: tf.Sequential, x: tf.Tensor, labels: tf.Tensor1D): tf.Scalar {
  const logits = compileTrainingGraph(model).logits(x as tf.Tensor4D, () => 0)
  return tf.mean(tf.neg(tf.sum(tf.mul(tf.logSoftmax(logits), tf.oneHot(labels, 7)), 1)))
}

/**
 * Gradients of every trainable weight, then the BN moving statistics after the step, for a
 * freshly built (seeded, so identical) model.
 */
function gradientsAndStats(
  build: () => tf.Sequential,
  loss: typeof referenceLoss,
): () => tf.Tensor[] {
  return () => {
    const model = build()
    // Images in [0, 1] as the engine gets them; ReLU zeros then tie inside pooling windows.
    const x = tf.tensor4d(
      seededValues(N * 48 * 48, 11).map((v) => (v + 1) / 2),
      [N, 48, 48, 1],
    )
    const labels = tf.tensor1d([0, 3, 6, 2], 'int32')
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable)
    const { value, grads } = tf.variableGrads(() => loss(model, x, labels), vars)
    const moving = model.weights.filter((w) => !w.trainable).map((w) => tf.clone(w.read()))
    const out = [value, ...vars.map((v) => grads[v.name]!), ...moving]
    const kept = out.map((t) => tf.clone(t))
    model.dispose()
    return kept
  }
}

function labelsOf(build: () => tf.Sequential): string[] {
  const model = build()
  const labels = [
    'loss',
    ...model.trainableWeights.map((w) => `d ${w.originalName}`),
    ...model.weights.filter((w) => !w.trainable).map((w) => w.originalName),
  ]
  model.dispose()
  return labels
}

describe('training graph on wasm against tfjs-layers on cpu (gradient check)', () => {
  const cases: [string, () => tf.Sequential][] = [
    ['tiny-cnn', () => getModelDefinition('tiny-cnn').build(5)],
    // fast-cnn's layer order (5x5 stride-2 stem, BN, pools, 3x3 stage), narrowed.
    ['fast-cnn layer order', () => buildFastCnn(5, [4, 8, 8, 16, 16, 16])],
    // seed-cnn's exact layer order (Conv-ReLU, Conv-ReLU-BN-MaxPool-Dropout, 5x5, ..., dense
    // BN), narrowed so the cpu reference runs in seconds.
    ['seed-cnn layer order', () => buildSeedCnn(5, [4, 8, 8, 16, 16, 16, 16])],
  ]
  for (const [name, build] of cases) {
    it(`${name}: loss, every weight gradient and the moving statistics agree`, async () => {
      const ours = await valuesOn('wasm', gradientsAndStats(build, graphLoss))
      const reference = await valuesOn('cpu', gradientsAndStats(build, referenceLoss))
      expectClose(ours, reference, labelsOf(build), 2e-4)
    })
  }

  it('batch norm on 2-D (dense) and 4-D inputs with large means stays exact', async () => {
    for (const shape of [
      [16, 5],
      [3, 6, 6, 4],
    ]) {
      const size = shape.reduce((a, b) => a * b)
      const run = (ours: boolean) => () => {
        const x = tf.tensor(
          seededValues(size, 9).map((v) => 100 + v * 3),
          shape,
        )
        const gamma = tf.variable(tf.tensor1d(seededValues(shape.at(-1)!, 2)))
        const beta = tf.variable(tf.tensor1d(seededValues(shape.at(-1)!, 3)))
        const dy = tf.tensor(seededValues(size, 4), shape)
        const f = () => {
          if (ours) {
            const stats = {
              movingMean: tf.variable(tf.zeros([shape.at(-1)!])),
              movingVariance: tf.variable(tf.ones([shape.at(-1)!])),
            }
            return tf.sum(
              tf.mul(
                batchNormTrain(x, gamma, beta, { epsilon: 1e-3, momentum: 0.9, ...stats }),
                dy,
              ),
            )
          }
          const axes = shape.slice(0, -1).map((_, i) => i)
          const { mean, variance } = tf.moments(x, axes)
          return tf.sum(tf.mul(tf.batchNorm(x, mean, variance, beta, gamma, 1e-3), dy))
        }
        const { value, grads } = tf.variableGrads(f as () => tf.Scalar, [gamma, beta])
        const dx = tf.grad((input: tf.Tensor) => {
          if (ours) {
            const stats = {
              movingMean: tf.variable(tf.zeros([shape.at(-1)!])),
              movingVariance: tf.variable(tf.ones([shape.at(-1)!])),
            }
            return tf.sum(
              tf.mul(
                batchNormTrain(input, gamma, beta, { epsilon: 1e-3, momentum: 0.9, ...stats }),
                dy,
              ),
            )
          }
          const { mean, variance } = tf.moments(
            input,
            shape.slice(0, -1).map((_, i) => i),
          )
          return tf.sum(tf.mul(tf.batchNorm(input, mean, variance, beta, gamma, 1e-3), dy))
        })(x)
        return [value, grads[gamma.name]!, grads[beta.name]!, dx]
      }
      expectClose(
        await valuesOn('wasm', run(true)),
        await valuesOn('cpu', run(false)),
        ['y.dy', 'dgamma', 'dbeta', 'dx'],
        1e-4,
      )
    }
  })

  it('draws dropout masks from the generator it is given (same seed, same masks)', async () => {
    await valuesOn('wasm', () => [])
    const model = getModelDefinition('fast-cnn').build(1)
    const graph = compileTrainingGraph(model)
    const x = tf.tensor4d(seededValues(2 * 48 * 48, 1), [2, 48, 48, 1])
    const draws = (seed: number) => {
      let s = seed
      return () => (s = (s * 16807) % 2147483647) / 2147483647
    }
    const a = graph.logits(x, draws(3)).arraySync()
    const b = graph.logits(x, draws(3)).arraySync()
    const c = graph.logits(x, draws(4)).arraySync()
    expect(a).toEqual(b)
    expect(a).not.toEqual(c)
    model.dispose()
    x.dispose()
  })
})
