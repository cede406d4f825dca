import * as tf from '../../common/tf'
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm'
import { beforeAll, describe, expect, it } from 'vitest'

import { useWasm } from './crossBackend.testUtil'
import { heapTranspose } from './heapTranspose'

type Perm = [number, number, number, number]

/** heapTranspose on a tensor, as a tensor the test can read. */
function viaHeap(x: tf.Tensor4D, perm: Perm, reverse: number[]): tf.Tensor {
  const backend = tf.backend() as BackendWasm
  const out = heapTranspose(backend, x, perm, reverse)
  return tf.engine().makeTensorFromTensorInfo(out)
}

describe('heapTranspose', () => {
  beforeAll(useWasm)

  const cases: Array<{ perm: Perm; reverse: number[] }> = [
    { perm: [1, 2, 0, 3], reverse: [] }, // row copies
    { perm: [3, 1, 2, 0], reverse: [] }, // full scatter
    { perm: [0, 1, 2, 3], reverse: [0, 1] }, // filter rotation (input gradient)
    { perm: [0, 1, 2, 3], reverse: [1, 2] }, // spatial rotation (filter gradient)
    { perm: [1, 2, 3, 0], reverse: [1, 2] }, // rotation and transpose at once
    { perm: [0, 1, 3, 2], reverse: [3] }, // a reversed axis that ends up inside
  ]
  for (const { perm, reverse } of cases) {
    it(`matches tf.reverse then tf.transpose: perm ${perm.join('')}, reverse [${reverse.join(',')}]`, () => {
      const x = tf.tensor4d(
        Float32Array.from({ length: 2 * 3 * 4 * 5 }, (_, i) => i),
        [2, 3, 4, 5],
      )
      const expected = tf.transpose(reverse.length > 0 ? tf.reverse(x, reverse) : x, perm)
      const actual = viaHeap(x, perm, reverse)
      expect(actual.shape).toEqual(expected.shape)
      expect(Array.from(actual.dataSync())).toEqual(Array.from(expected.dataSync()))
      tf.dispose([x, expected, actual])
    })
  }
})
