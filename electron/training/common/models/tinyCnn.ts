import * as tf from '../tf'

import { NUM_EMOTIONS } from '../../../../shared/domain/emotion'

import type { PresetDefinition } from './modelDefinition'
import { createSeededInitializers } from './seededInitializers'

/** A few thousand parameters: for tests, the demo and end-to-end runs, not for accuracy. */
export const tinyCnn: PresetDefinition = tinyCnnAt(48)

function tinyCnnAt(inputSize: number): PresetDefinition {
  return {
    name: 'tiny-cnn',
    description: 'A tiny 3-conv CNN for tests and demos: trains thousands of faces in seconds.',
    inputSize,
    withInputSize: tinyCnnAt,
    build(seed) {
      const init = createSeededInitializers(seed)
      return tf.sequential({
        name: 'tiny_cnn',
        layers: [
          tf.layers.conv2d({
            inputShape: [inputSize, inputSize, 1],
            filters: 8,
            kernelSize: 3,
            strides: 2,
            padding: 'same',
            activation: 'relu',
            kernelInitializer: init(),
          }),
          tf.layers.batchNormalization({ momentum: 0.9 }),
          tf.layers.maxPooling2d({ poolSize: 2 }),
          tf.layers.conv2d({
            filters: 16,
            kernelSize: 3,
            padding: 'same',
            activation: 'relu',
            kernelInitializer: init(),
          }),
          tf.layers.batchNormalization({ momentum: 0.9 }),
          tf.layers.maxPooling2d({ poolSize: 2 }),
          tf.layers.conv2d({
            filters: 32,
            kernelSize: 3,
            padding: 'same',
            activation: 'relu',
            kernelInitializer: init(),
          }),
          tf.layers.globalAveragePooling2d({}),
          tf.layers.dense({
            units: NUM_EMOTIONS,
            activation: 'softmax',
            kernelInitializer: init(),
          }),
        ],
      })
    },
  }
}
