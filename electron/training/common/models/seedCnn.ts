import * as tf from '../tf'

import { NUM_EMOTIONS } from '../../../../shared/domain/emotion'

import type { PresetDefinition } from './modelDefinition'
import { createSeededInitializers } from './seededInitializers'

/** Channel widths: five convolutions, then two dense layers. */
export type SeedCnnWidths = readonly [number, number, number, number, number, number, number]

export const SEED_CNN_WIDTHS: SeedCnnWidths = [32, 64, 128, 512, 512, 256, 512]

/**
 * The network of the project's source report, layer for layer: 4,496,903 parameters
 * (4,492,935 trainable). ReLU sits inside each Conv/Dense, before its BatchNormalization.
 */
export const seedCnn: PresetDefinition = seedCnnAt(48)

function seedCnnAt(inputSize: number): PresetDefinition {
  return {
    name: 'seed-cnn',
    description:
      "The source report's 4.5M-parameter CNN (5 convs, 2 dense, BN, dropout); slow on CPU.",
    inputSize,
    build: (seed) => buildSeedCnn(seed, SEED_CNN_WIDTHS, inputSize),
    withInputSize: seedCnnAt,
  }
}

/**
 * seed-cnn's layers with the given widths: the preset uses SEED_CNN_WIDTHS; tests use narrow
 * widths to check gradients on exactly the same layer order in reasonable time.
 */
export function buildSeedCnn(seed: number, widths: SeedCnnWidths, inputSize = 48): tf.Sequential {
  const [c1, c2, c3, c4, c5, d1, d2] = widths
  const init = createSeededInitializers(seed)
  const conv = (filters: number, kernelSize: number, inputShape?: [number, number, number]) =>
    tf.layers.conv2d({
      filters,
      kernelSize,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: init(),
      ...(inputShape ? { inputShape } : {}),
    })
  const dense = (units: number, activation: 'relu' | 'softmax') =>
    tf.layers.dense({ units, activation, kernelInitializer: init() })
  const bn = () => tf.layers.batchNormalization()
  const pool = () => tf.layers.maxPooling2d({ poolSize: 2 })
  const drop = (rate: number) => tf.layers.dropout({ rate })

  return tf.sequential({
    name: 'seed_cnn',
    layers: [
      conv(c1, 3, [inputSize, inputSize, 1]),
      conv(c2, 3),
      bn(),
      pool(),
      drop(0.25),
      conv(c3, 5),
      bn(),
      pool(),
      drop(0.25),
      conv(c4, 3),
      bn(),
      pool(),
      drop(0.25),
      conv(c5, 3),
      bn(),
      pool(),
      drop(0.25),
      tf.layers.flatten(),
      dense(d1, 'relu'),
      bn(),
      drop(0.25),
      dense(d2, 'relu'),
      bn(),
      drop(0.25),
      dense(NUM_EMOTIONS, 'softmax'),
    ],
  })
}
