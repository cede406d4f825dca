import * as tf from '../../common/tf'
import { describe, expect, it } from 'vitest'

import { expectClose, seededValues, valuesOn } from './crossBackend.testUtil'

type Conv = Readonly<{
  name: string
  x: [number, number, number, number]
  filter: [number, number, number, number]
  strides: number
  pad: 'same' | 'valid'
}>

/** The convolutions of our presets (3x3 and 5x5 'same', stride 1 and 2) and odd-size cases. */
const CONVS: Conv[] = [
  {
    name: '3x3 same 1->32 (first layer)',
    x: [3, 12, 12, 1],
    filter: [3, 3, 1, 32],
    strides: 1,
    pad: 'same',
  },
  { name: '3x3 same 8->16', x: [4, 10, 10, 8], filter: [3, 3, 8, 16], strides: 1, pad: 'same' },
  { name: '5x5 same 6->12', x: [2, 9, 9, 6], filter: [5, 5, 6, 12], strides: 1, pad: 'same' },
  {
    name: '3x3 same stride 2 (tiny-cnn)',
    x: [2, 12, 12, 3],
    filter: [3, 3, 3, 8],
    strides: 2,
    pad: 'same',
  },
  {
    name: '5x5 same stride 2 (fast-cnn stem)',
    x: [2, 12, 12, 1],
    filter: [5, 5, 1, 6],
    strides: 2,
    pad: 'same',
  },
  {
    name: '3x3 same stride 2, odd input',
    x: [2, 11, 11, 3],
    filter: [3, 3, 3, 4],
    strides: 2,
    pad: 'same',
  },
  { name: '3x3 valid', x: [2, 8, 7, 4], filter: [3, 3, 4, 5], strides: 1, pad: 'valid' },
  {
    name: '2x2 same 3->8 (asymmetric padding, dy larger)',
    x: [2, 6, 6, 3],
    filter: [2, 2, 3, 8],
    strides: 1,
    pad: 'same',
  },
  {
    name: '2x2 same (asymmetric padding)',
    x: [2, 6, 6, 3],
    filter: [2, 2, 3, 4],
    strides: 1,
    pad: 'same',
  },
]

describe('wasm training kernels against the cpu backend', () => {
  for (const c of CONVS) {
    it(`Conv2D gradients (input and filter): ${c.name}`, async () => {
      const xv = seededValues(
        c.x.reduce((a, b) => a * b),
        1,
      )
      const wv = seededValues(
        c.filter.reduce((a, b) => a * b),
        2,
      )
      const run = () => {
        const x = tf.tensor4d(xv, c.x)
        const w = tf.tensor4d(wv, c.filter)
        const y = tf.conv2d(x, w, c.strides, c.pad)
        // A non-uniform upstream gradient, so every position's contribution is distinguishable.
        const dy = tf.tensor(seededValues(y.size, 3), y.shape)
        const grads = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
          tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.strides, c.pad), dy)),
        )([x, w])
        return grads
      }
      expectClose(await valuesOn('wasm', run), await valuesOn('cpu', run), ['dx', 'dW'])
    })
  }

  it('MaxPool gradient goes to the first of tied maxima (ReLU zeros, then BatchNorm)', async () => {
    // Three quarters are ReLU zeros: many 2x2 windows are tied at 0.
    const raw = seededValues(2 * 8 * 8 * 4, 4).map((v) => Math.max(0, v - 0.5))
    const ties = countTiedWindows(raw, [2, 8, 8, 4])
    expect(ties).toBeGreaterThan(10)
    const run = () => {
      const x = tf.tensor4d(raw, [2, 8, 8, 4])
      const dy = tf.tensor4d(seededValues(2 * 4 * 4 * 4, 5), [2, 4, 4, 4])
      return [
        tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(a as tf.Tensor4D, 2, 2, 'valid'), dy)))(
          x,
        ),
      ]
    }
    expectClose(await valuesOn('wasm', run), await valuesOn('cpu', run), ['dx'], 1e-6)
  })

  it('MaxPool gradient with 3x3 windows, stride 2 and same padding', async () => {
    const raw = seededValues(2 * 7 * 7 * 3, 6).map((v) => Math.round(Math.max(0, v) * 4) / 4)
    const run = () => {
      const x = tf.tensor4d(raw, [2, 7, 7, 3])
      return [
        tf.grad((a: tf.Tensor) => tf.sum(tf.square(tf.maxPool(a as tf.Tensor4D, 3, 2, 'same'))))(x),
      ]
    }
    expectClose(await valuesOn('wasm', run), await valuesOn('cpu', run), ['dx'], 1e-6)
  })
})

/** Number of 2x2 windows whose maximum occurs more than once. */
function countTiedWindows(v: Float32Array, [n, h, w, c]: [number, number, number, number]): number {
  let tied = 0
  for (let b = 0; b < n; b++)
    for (let r = 0; r < h; r += 2)
      for (let col = 0; col < w; col += 2)
        for (let ch = 0; ch < c; ch++) {
          const at = (rr: number, cc: number) => v[((b * h + rr) * w + cc) * c + ch]!
          const win = [at(r, col), at(r, col + 1), at(r + 1, col), at(r + 1, col + 1)]
          const max = Math.max(...win)
          if (win.filter((x) => x === max).length > 1) tied++
        }
  return tied
}
