import * as tf from '../../common/tf'
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm'

import type { TensorInfo } from './wasmKernelCall'

type Attrs = {
  filterSize: [number, number] | number
  strides: [number, number] | number
  pad: 'valid' | 'same' | number
  dimRoundingMode?: 'floor' | 'round' | 'ceil'
}

/**
 * Max-pool gradient that routes each output's gradient to the FIRST maximum of its window (row
 * major), as the cpu backend and TensorFlow do. tfjs 4.22's wasm MaxPoolGrad is wrong when a
 * window holds tied maxima, which ReLU zeros (and BatchNorm of those zeros) make common.
 * Plain JS over the wasm heap: the op is memory-bound, so V8's loop is fast enough.
 */
export function maxPoolGradWasm(args: {
  inputs: { dy: TensorInfo; input: TensorInfo; output: TensorInfo }
  backend: BackendWasm
  attrs: Attrs
}): TensorInfo {
  const { inputs, backend, attrs } = args
  const { dy, input } = inputs
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    attrs.filterSize,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  )
  const { batchSize, inHeight, inWidth, inChannels: C, outHeight, outWidth } = info
  const { strideHeight, strideWidth, filterHeight, filterWidth } = info
  const { top, left } = info.padInfo
  const dxInfo = backend.makeOutput(input.shape, 'float32')
  // Views are taken after the allocation above: growing the heap detaches older views.
  const x = backend.typedArrayFromHeap(input) as Float32Array
  const g = backend.typedArrayFromHeap(dy) as Float32Array
  const dx = backend.typedArrayFromHeap(dxInfo) as Float32Array
  dx.fill(0)
  const best = new Float32Array(C)
  const bestAt = new Int32Array(C)
  for (let b = 0; b < batchSize; b++) {
    for (let yr = 0; yr < outHeight; yr++) {
      const r0 = yr * strideHeight - top
      for (let yc = 0; yc < outWidth; yc++) {
        const c0 = yc * strideWidth - left
        best.fill(-Infinity)
        bestAt.fill(-1)
        for (let wr = 0; wr < filterHeight; wr++) {
          const r = r0 + wr
          if (r < 0 || r >= inHeight) continue
          for (let wc = 0; wc < filterWidth; wc++) {
            const c = c0 + wc
            if (c < 0 || c >= inWidth) continue
            const base = ((b * inHeight + r) * inWidth + c) * C
            for (let ch = 0; ch < C; ch++) {
              const v = x[base + ch]!
              if (v > best[ch]!) {
                best[ch] = v
                bestAt[ch] = base + ch
              }
            }
          }
        }
        const gBase = ((b * outHeight + yr) * outWidth + yc) * C
        for (let ch = 0; ch < C; ch++) {
          const at = bestAt[ch]!
          if (at >= 0) dx[at] = dx[at]! + g[gBase + ch]!
        }
      }
    }
  }
  return dxInfo
}
