import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm'

import type { TensorInfo } from './wasmKernelCall'

/** Kernel names of our own ops (prefixed so they can never clash with tfjs' names). */
export const BATCH_NORM_TRAIN = 'FerBatchNormTrain'
export const BATCH_NORM_TRAIN_GRAD = 'FerBatchNormTrainGrad'

type Heap = Float32Array

function view(backend: BackendWasm, info: TensorInfo): Heap {
  return backend.typedArrayFromHeap(info) as Heap
}

/**
 * Training-mode batch normalisation over every axis but the last (channels), in two passes
 * over the data instead of tfjs' moments + batchNorm chain (which transposes and tiles):
 * outputs y, the batch mean and the biased batch variance (what tfjs-layers feeds its moving
 * averages). Sums are accumulated in float64 so large batches stay exact enough.
 */
export function batchNormTrainWasm(args: {
  inputs: { x: TensorInfo; gamma: TensorInfo; beta: TensorInfo }
  backend: BackendWasm
  attrs: { epsilon: number }
}): TensorInfo[] {
  const { inputs, backend, attrs } = args
  const { x, gamma, beta } = inputs
  const C = x.shape[x.shape.length - 1]!
  const yInfo = backend.makeOutput(x.shape, 'float32')
  const meanInfo = backend.makeOutput([C], 'float32')
  const varInfo = backend.makeOutput([C], 'float32')
  const xv = view(backend, x)
  const y = view(backend, yInfo)
  const g = view(backend, gamma)
  const b = view(backend, beta)
  const rows = xv.length / C
  const sum = new Float64Array(C)
  const sumSq = new Float64Array(C)
  for (let base = 0; base < xv.length; base += C) {
    for (let c = 0; c < C; c++) {
      const v = xv[base + c]!
      sum[c]! += v
      sumSq[c]! += v * v
    }
  }
  const mean = view(backend, meanInfo)
  const variance = view(backend, varInfo)
  const scale = new Float32Array(C)
  const shift = new Float32Array(C)
  for (let c = 0; c < C; c++) {
    const m = sum[c]! / rows
    const v = Math.max(0, sumSq[c]! / rows - m * m)
    mean[c] = m
    variance[c] = v
    scale[c] = g[c]! / Math.sqrt(v + attrs.epsilon)
    shift[c] = b[c]! - m * scale[c]!
  }
  for (let base = 0; base < xv.length; base += C) {
    for (let c = 0; c < C; c++) y[base + c] = xv[base + c]! * scale[c]! + shift[c]!
  }
  return [yInfo, meanInfo, varInfo]
}

/**
 * Gradient of training-mode batch normalisation (batch statistics included), fused:
 *   dbeta = sum(dy), dgamma = sum(dy * xhat),
 *   dx = gamma / std * (dy - dbeta / M - xhat * dgamma / M)
 * Outputs dx, dgamma, dbeta.
 */
export function batchNormTrainGradWasm(args: {
  inputs: {
    dy: TensorInfo
    x: TensorInfo
    mean: TensorInfo
    variance: TensorInfo
    gamma: TensorInfo
  }
  backend: BackendWasm
  attrs: { epsilon: number }
}): TensorInfo[] {
  const { inputs, backend, attrs } = args
  const C = inputs.x.shape[inputs.x.shape.length - 1]!
  const dxInfo = backend.makeOutput(inputs.x.shape, 'float32')
  const dgInfo = backend.makeOutput([C], 'float32')
  const dbInfo = backend.makeOutput([C], 'float32')
  const dy = view(backend, inputs.dy)
  const x = view(backend, inputs.x)
  const mean = view(backend, inputs.mean)
  const variance = view(backend, inputs.variance)
  const gamma = view(backend, inputs.gamma)
  const dx = view(backend, dxInfo)
  const rows = x.length / C
  const invStd = new Float32Array(C)
  for (let c = 0; c < C; c++) invStd[c] = 1 / Math.sqrt(variance[c]! + attrs.epsilon)
  const sumDy = new Float64Array(C)
  const sumDyXhat = new Float64Array(C)
  for (let base = 0; base < x.length; base += C) {
    for (let c = 0; c < C; c++) {
      const d = dy[base + c]!
      sumDy[c]! += d
      sumDyXhat[c]! += d * (x[base + c]! - mean[c]!) * invStd[c]!
    }
  }
  const k = new Float32Array(C)
  const meanDy = new Float32Array(C)
  const meanDyXhat = new Float32Array(C)
  const dgamma = view(backend, dgInfo)
  const dbeta = view(backend, dbInfo)
  for (let c = 0; c < C; c++) {
    k[c] = gamma[c]! * invStd[c]!
    meanDy[c] = sumDy[c]! / rows
    meanDyXhat[c] = sumDyXhat[c]! / rows
    dgamma[c] = sumDyXhat[c]!
    dbeta[c] = sumDy[c]!
  }
  for (let base = 0; base < x.length; base += C) {
    for (let c = 0; c < C; c++) {
      const xhat = (x[base + c]! - mean[c]!) * invStd[c]!
      dx[base + c] = k[c]! * (dy[base + c]! - meanDy[c]! - xhat * meanDyXhat[c]!)
    }
  }
  return [dxInfo, dgInfo, dbInfo]
}
