import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm'

import type { TensorInfo } from './wasmKernelCall'

export const RELU_BIAS_GRAD = 'FerReluBiasGrad'

/**
 * Backward of y = relu(conv(x) + bias) up to the convolution, in one pass: dz = dy where y > 0
 * (else 0) and the bias gradient db = sum of dz over every axis but the channels.
 * `relu: false` handles a linear activation (dz = dy).
 */
export function reluBiasGradWasm(args: {
  inputs: { dy: TensorInfo; y: TensorInfo }
  backend: BackendWasm
  attrs: { relu: boolean }
}): TensorInfo[] {
  const { inputs, backend, attrs } = args
  const C = inputs.y.shape[inputs.y.shape.length - 1]!
  const dzInfo = backend.makeOutput(inputs.y.shape, 'float32')
  const dbInfo = backend.makeOutput([C], 'float32')
  const dy = backend.typedArrayFromHeap(inputs.dy) as Float32Array
  const y = backend.typedArrayFromHeap(inputs.y) as Float32Array
  const dz = backend.typedArrayFromHeap(dzInfo) as Float32Array
  const sums = new Float64Array(C)
  for (let base = 0; base < y.length; base += C) {
    for (let c = 0; c < C; c++) {
      const d = !attrs.relu || y[base + c]! > 0 ? dy[base + c]! : 0
      dz[base + c] = d
      sums[c]! += d
    }
  }
  const db = backend.typedArrayFromHeap(dbInfo) as Float32Array
  for (let c = 0; c < C; c++) db[c] = sums[c]!
  return [dzInfo, dbInfo]
}
