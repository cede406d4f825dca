import * as tf from '../tf'

import { NUM_EMOTIONS } from '../../../../shared/domain/emotion'

import type { PresetDefinition } from './modelDefinition'
import { createSeededInitializers } from './seededInitializers'

/** Filters of the six convolutions (stem, then one per stage). */
export type FastCnnWidths = readonly [number, number, number, number, number, number]

export const FAST_CNN_WIDTHS: FastCnnWidths = [32, 64, 128, 256, 256, 256]

/**
 * The default for a laptop without a GPU: the most accuracy per CPU-minute on 48x48 faces.
 * Measured on wasm (bench/trainBench.ts), time goes to full-resolution activations, not FLOPs:
 * a 5x5 stride-2 stem replaces conv + pool at 48x48 (~20% faster, same FLOPs); depth is added
 * at 6x6 and 3x3 where it is cheap; global average pooling replaces a large dense head.
 */
export const fastCnn: PresetDefinition = fastCnnAt(48)

function fastCnnAt(inputSize: number): PresetDefinition {
  return {
    name: 'fast-cnn',
    description:
      'Default: 6-conv CNN (stride-2 stem, BN, global pooling), 1.6M params, fast on CPU.',
    inputSize,
    build: (seed) => buildFastCnn(seed, FAST_CNN_WIDTHS, inputSize),
    withInputSize: fastCnnAt,
  }
}

/** fast-cnn's layers with the given widths (tests use narrow ones on the same layer order). */
export function buildFastCnn(seed: number, widths: FastCnnWidths, inputSize = 48): tf.Sequential {
  const [stem, w24, w12, w6, w3a, w3b] = widths
  const init = createSeededInitializers(seed)
  const conv = (filters: number, first = false) =>
    tf.layers.conv2d({
      filters,
      kernelSize: first ? 5 : 3,
      strides: first ? 2 : 1,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: init(),
      ...(first ? { inputShape: [inputSize, inputSize, 1] } : {}),
    })
  // Keras' 0.99 keeps validation at chance for hundreds of steps; 0.9 tracks in tens.
  const bn = () => tf.layers.batchNormalization({ momentum: 0.9 })
  const pool = () => tf.layers.maxPooling2d({ poolSize: 2 })
  return tf.sequential({
    name: 'fast_cnn',
    layers: [
      conv(stem, true),
      bn(),
      conv(w24),
      bn(),
      pool(),
      conv(w12),
      bn(),
      pool(),
      conv(w6),
      bn(),
      pool(),
      conv(w3a),
      bn(),
      conv(w3b),
      bn(),
      tf.layers.globalAveragePooling2d({}),
      tf.layers.dropout({ rate: 0.3 }),
      tf.layers.dense({ units: NUM_EMOTIONS, activation: 'softmax', kernelInitializer: init() }),
    ],
  })
}
