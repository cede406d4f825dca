import { attr } from '../onnxBuilder'
import type { LayerSpec } from '../presetLayers'

import type { LayerEmitter } from './emitContext'
import { spatialPadding } from './padding'

type MaxPoolSpec = Extract<LayerSpec, { kind: 'maxPool' }>

/**
 * MaxPooling2D. Training keeps the arg-max indices of MaxPool, and the backward sends each
 * window's gradient to that one position with MaxUnpool. ONNX Runtime, like tfjs' cpu backend,
 * takes the FIRST maximum of a window in row-major order, so tied maxima route the gradient to
 * the same pixel on both (the gradient tests hold windows with ties).
 */
export const emitMaxPool: LayerEmitter<MaxPoolSpec> = (ctx, spec, x) => {
  const { g } = ctx
  const [height, width] = spec.inputShape as [number, number, number]
  const { pads } = spatialPadding([height, width], spec.poolSize, spec.strides, spec.padding)
  const attributes = {
    kernel_shape: attr.ints(spec.poolSize),
    strides: attr.ints(spec.strides),
    pads: attr.ints(pads),
  }
  const [y, indices] = g.node('MaxPool', [x], { attributes, outputCount: 2, name: spec.name })
  return {
    y: y!,
    backward: (dy) =>
      g.op('MaxUnpool', [dy, indices!, g.op('Shape', [x])], {
        attributes,
        name: `${spec.name}_dx`,
      }),
  }
}
