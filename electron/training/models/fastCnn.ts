import * as tf from '@tensorflow/tfjs'

import type { ModelDefinition } from './modelDefinition'
import { createSeededInitializers } from './seededInitializers'

/**
 * The default for a laptop without a GPU: the most accuracy per CPU-minute on 48x48 faces.
 * Widths double as the resolution halves, so each stage costs about the same; global average
 * pooling replaces the big dense head that dominates seed-cnn's parameters.
 */
export const fastCnn: ModelDefinition = {
  name: 'fast-cnn',
  description: 'Default: a compact VGG-style CNN with global average pooling, fast on CPU.',
  inputSize: 48,
  build(seed) {
    const init = createSeededInitializers(seed)
    const block = (filters: number, inputShape?: [number, number, number]) => [
      tf.layers.conv2d({
        filters,
        kernelSize: 3,
        padding: 'same',
        activation: 'relu',
        kernelInitializer: init(),
        ...(inputShape ? { inputShape } : {}),
      }),
      // Keras' 0.99 keeps validation at chance for hundreds of steps; 0.9 tracks in tens.
      tf.layers.batchNormalization({ momentum: 0.9 }),
    ]
    return tf.sequential({
      name: 'fast_cnn',
      layers: [
        ...block(32, [48, 48, 1]),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        ...block(64),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        ...block(128),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        ...block(256),
        tf.layers.globalAveragePooling2d({}),
        tf.layers.dropout({ rate: 0.3 }),
        tf.layers.dense({ units: 7, activation: 'softmax', kernelInitializer: init() }),
      ],
    })
  },
}
