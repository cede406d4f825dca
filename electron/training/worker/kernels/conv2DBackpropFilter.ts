import type * as tf from '../../common/tf'
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm'

import {
  forwardConvInfo,
  fullCorrelationPadding,
  paddedConv2D,
  type ConvGradientAttrs,
} from './convGradient'
import { heapTranspose } from './heapTranspose'
import { callWasmKernel, release, type TensorInfo } from './wasmKernelCall'

type Attrs = ConvGradientAttrs & { filterShape: [number, number, number, number] }

/**
 * The filter gradient of a 2-D convolution, which tfjs 4.22's wasm backend lacks, computed as
 * a forward convolution so XNNPACK does the work:
 *
 *   dW[kh, kw, ci, co] = sum over n, h, w of x[n, s*h + kh - pad, s*w + kw - pad, ci] * dy[n, h, w, co]
 */
export function conv2DBackpropFilterWasm(args: {
  inputs: { x: TensorInfo; dy: TensorInfo }
  backend: BackendWasm
  attrs: Attrs
}): TensorInfo {
  const { inputs, backend, attrs } = args
  if (attrs.dataFormat !== 'NHWC') throw new Error('Conv2DBackpropFilter (wasm): NHWC only')
  const info = forwardConvInfo(
    inputs.x.shape as [number, number, number, number],
    attrs.filterShape,
    attrs,
  )
  // Measured (cpu time, batch 64, seed-cnn and fast-cnn shapes): with x as the filter XNNPACK
  // runs this 1.3-2x faster than with dy as the filter, so stride 1 always goes that way.
  if (info.strideHeight === 1 && info.strideWidth === 1) {
    const viaImages = imagesAsFilter(inputs.x, inputs.dy, backend, info)
    if (viaImages) return viaImages
  }
  return pixelConvolution(inputs.x, inputs.dy, backend, info)
}

/**
 * Stride 1, with x as the filter: conv(input = dy as [co, Ho, Wo, n], filter = x as
 * [H, W, n, ci]) padded by (k - 1 - pad) gives dW rotated by 180 degrees as [co, kh, kw, ci].
 * Null when the padding this needs would be negative (then the other form is used).
 */
function imagesAsFilter(
  x: TensorInfo,
  dy: TensorInfo,
  backend: BackendWasm,
  info: tf.backend_util.Conv2DInfo,
): TensorInfo | null {
  const padding = fullCorrelationPadding(info)
  if (padding === null) return null
  // A full scatter (wasm's Transpose does it best) and a copy of whole channel rows (JS does).
  const dyT = callWasmKernel(backend, 'Transpose', { x: dy }, { perm: [3, 1, 2, 0] })
  const xT = heapTranspose(backend, x, [1, 2, 0, 3])
  const conv = paddedConv2D(backend, dyT, xT, padding)
  release(backend, dyT, xT)
  const unrotated = heapTranspose(backend, conv, [0, 1, 2, 3], [1, 2])
  release(backend, conv)
  const dW = callWasmKernel(backend, 'Transpose', { x: unrotated }, { perm: [1, 2, 3, 0] })
  release(backend, unrotated)
  return dW
}

/**
 * dW is a convolution of x transposed to [ci, H, W, n] (the batch becomes the channels) with dy
 * transposed to [Ho, Wo, n, co] used as a filter dilated by the stride. (A variant convolving
 * over rows only, with (column, image) pairs as channels, measured no faster: XNNPACK's cost
 * here is packing the dy-sized filter, which every formulation pays.)
 */
function pixelConvolution(
  x: TensorInfo,
  dy: TensorInfo,
  backend: BackendWasm,
  info: tf.backend_util.Conv2DInfo,
): TensorInfo {
  const { strideHeight: sh, strideWidth: sw, filterHeight: kh, filterWidth: kw } = info
  const { top, left } = info.padInfo
  // Pad the far side just enough that the output is exactly kh x kw (the forward conv may have
  // ignored trailing input rows that no output touched: those get zero gradient).
  const bottom = Math.max(0, sh * (info.outHeight - 1) + kh - info.inHeight - top)
  const right = Math.max(0, sw * (info.outWidth - 1) + kw - info.inWidth - left)
  const xT = callWasmKernel(backend, 'Transpose', { x }, { perm: [3, 1, 2, 0] })
  const dyT = heapTranspose(backend, dy, [1, 2, 0, 3])
  const conv = paddedConv2D(backend, xT, dyT, { top, bottom, left, right }, [sh, sw])
  release(backend, xT, dyT)
  let cropped = conv
  if (conv.shape[1] !== kh || conv.shape[2] !== kw) {
    cropped = callWasmKernel(
      backend,
      'Slice',
      { x: conv },
      { begin: [0, 0, 0, 0], size: [conv.shape[0], kh, kw, conv.shape[3]] },
    )
    release(backend, conv)
  }
  const dW = callWasmKernel(backend, 'Transpose', { x: cropped }, { perm: [1, 2, 0, 3] })
  release(backend, cropped)
  return dW
}
