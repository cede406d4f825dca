import * as tf from '../../common/tf'
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm'

import { callWasmKernel, type TensorInfo } from './wasmKernelCall'

type Shape4D = [number, number, number, number]

/** The attributes both Conv2D gradient kernels receive from tfjs (besides the missing shape). */
export type ConvGradientAttrs = {
  strides: [number, number] | number
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding
  dataFormat: 'NHWC' | 'NCHW'
  dimRoundingMode?: 'floor' | 'round' | 'ceil'
}

/** Explicit padding of the four spatial sides, in pixels. */
export type SidePadding = Readonly<{ top: number; bottom: number; left: number; right: number }>

/** The geometry of the forward convolution being differentiated (dilation 1, as ours are). */
export function forwardConvInfo(
  xShape: Shape4D,
  filterShape: Shape4D,
  attrs: ConvGradientAttrs,
): tf.backend_util.Conv2DInfo {
  return tf.backend_util.computeConv2DInfo(
    xShape,
    filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  )
}

/**
 * For a stride-1 forward convolution: the padding, k - 1 minus the forward pad on each side, that
 * makes a convolution of dy-sized data with a kernel-sized (or x-sized) operand the "full"
 * correlation both gradients are. The far sides' forward pads are derived from the sizes, as the
 * forward pads may be asymmetric and input rows no output touched count as negative padding.
 * Null when a side would be negative; the caller then takes another route.
 */
export function fullCorrelationPadding(info: tf.backend_util.Conv2DInfo): SidePadding | null {
  const { filterHeight: kh, filterWidth: kw, inHeight, inWidth, outHeight, outWidth } = info
  const top = kh - 1 - info.padInfo.top
  const left = kw - 1 - info.padInfo.left
  const bottom = inHeight - 1 + kh - outHeight - top
  const right = inWidth - 1 + kw - outWidth - left
  if (top < 0 || left < 0 || bottom < 0 || right < 0) return null
  return { top, bottom, left, right }
}

/**
 * A stride-1 NHWC Conv2D through the wasm backend (XNNPACK), explicitly padded, with the
 * filter optionally dilated. The caller releases `x`, `filter` and, later, the result.
 */
export function paddedConv2D(
  backend: BackendWasm,
  x: TensorInfo,
  filter: TensorInfo,
  { top, bottom, left, right }: SidePadding,
  dilations: [number, number] = [1, 1],
): TensorInfo {
  return callWasmKernel(
    backend,
    'Conv2D',
    { x, filter },
    {
      strides: [1, 1],
      pad: [
        [0, 0],
        [top, bottom],
        [left, right],
        [0, 0],
      ],
      dataFormat: 'NHWC',
      dilations,
    },
  )
}
