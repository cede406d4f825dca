import * as tf from '../../common/tf'

import { batchNormTrain, convBiasAct } from './trainingOps'

type Variables = Readonly<Record<string, tf.Variable>>

/** One layer's training-mode forward; `random` draws dropout masks. */
type Step = (x: tf.Tensor, random: () => number) => tf.Tensor

export type TrainingGraph = Readonly<{
  /**
   * Training-mode forward pass to the LOGITS (the final softmax is left to the loss, which is
   * both cheaper and more exact than log(softmax)). Updates BN moving statistics.
   */
  logits(x: tf.Tensor4D, random: () => number): tf.Tensor2D
}>

/** A layer's variables by their short names ('kernel', 'bias', 'gamma', 'moving_mean', ...). */
function variablesOf(layer: tf.layers.Layer): Variables {
  return Object.fromEntries(
    layer.weights.map((w) => [w.originalName.split('/').pop()!, w.read() as tf.Variable]),
  )
}

function need(vars: Variables, name: string, layer: tf.layers.Layer): tf.Variable {
  const v = vars[name]
  if (!v) throw new Error(`Layer ${layer.name} has no '${name}' weight`)
  return v
}

function pair(v: unknown): [number, number] {
  return Array.isArray(v) ? [v[0] as number, (v[1] ?? v[0]) as number] : [v as number, v as number]
}

/** Dropout with masks from the engine's seeded generator, so a run can be reproduced. */
function dropout(x: tf.Tensor, rate: number, random: () => number): tf.Tensor {
  const keep = 1 - rate
  const mask = new Float32Array(x.size)
  for (let i = 0; i < mask.length; i++) mask[i] = random() < keep ? 1 / keep : 0
  return tf.mul(x, tf.tensor(mask, x.shape))
}

/**
 * Compiles a Sequential model into a training-mode forward that shares its variables but runs
 * our fused ops: conv + bias + ReLU with fast gradients, fused batch norm, seeded dropout.
 * Layers it does not know run through their own `apply` (correct, just not fused).
 */
export function compileTrainingGraph(model: tf.Sequential): TrainingGraph {
  const layers = model.layers.filter((layer) => layer.getClassName() !== 'InputLayer')
  const last = layers.length - 1
  const steps: Step[] = layers.map((layer, index): Step => {
    const config = layer.getConfig()
    const vars = variablesOf(layer)
    const isLast = index === last
    switch (layer.getClassName()) {
      case 'Conv2D': {
        const activation = config['activation']
        const dilations = pair(config['dilationRate'] ?? 1)
        if (
          (activation === 'relu' || activation === 'linear') &&
          config['useBias'] !== false &&
          dilations[0] === 1 &&
          dilations[1] === 1
        ) {
          const options = {
            strides: pair(config['strides']),
            pad: config['padding'] as 'same' | 'valid',
            relu: activation === 'relu',
            inputNeedsGrad: index > 0,
          }
          const kernel = need(vars, 'kernel', layer)
          const bias = need(vars, 'bias', layer)
          return (x) => convBiasAct(x as tf.Tensor4D, kernel, bias, options)
        }
        break
      }
      case 'BatchNormalization': {
        if (config['center'] !== false && config['scale'] !== false) {
          const gamma = need(vars, 'gamma', layer)
          const beta = need(vars, 'beta', layer)
          const options = {
            epsilon: config['epsilon'] as number,
            momentum: config['momentum'] as number,
            movingMean: need(vars, 'moving_mean', layer),
            movingVariance: need(vars, 'moving_variance', layer),
          }
          return (x) => batchNormTrain(x, gamma, beta, options)
        }
        break
      }
      case 'Dropout': {
        const rate = config['rate'] as number
        return (x, random) => (rate > 0 ? dropout(x, rate, random) : x)
      }
      case 'Dense': {
        const activation = config['activation'] as string
        const kernel = need(vars, 'kernel', layer)
        const bias = vars['bias']
        const linear = (x: tf.Tensor) => {
          const z = tf.matMul(x as tf.Tensor2D, kernel as tf.Tensor2D)
          return bias ? tf.add(z, bias) : z
        }
        if (isLast && activation === 'softmax') return linear
        if (activation === 'relu') return (x) => tf.relu(linear(x))
        if (activation === 'linear') return linear
        break
      }
    }
    if (isLast) throw new Error(`The last layer of ${model.name} must be a softmax Dense layer`)
    return (x) => layer.apply(x, { training: true }) as tf.Tensor
  })
  return {
    logits(x, random) {
      let h: tf.Tensor = x
      for (const step of steps) h = step(h, random)
      return h as tf.Tensor2D
    },
  }
}
