import { attr } from '../onnxBuilder'
import type { LayerSpec } from '../presetLayers'

import { BATCH, type LayerEmitter } from './emitContext'

type GlobalAveragePoolSpec = Extract<LayerSpec, { kind: 'globalAveragePool' }>
type FlattenSpec = Extract<LayerSpec, { kind: 'flatten' }>
type DropoutSpec = Extract<LayerSpec, { kind: 'dropout' }>

const swap2d = { attributes: { perm: attr.ints([1, 0]) } }

/** GlobalAveragePooling2D: [C, N, H, W] -> [N, C]; backward spreads dy / (H*W) over the window. */
export const emitGlobalAveragePool: LayerEmitter<GlobalAveragePoolSpec> = (ctx, spec, x) => {
  const { g } = ctx
  const [height, width, channels] = spec.inputShape as [number, number, number]
  const pooled = g.op('GlobalAveragePool', [x], { name: spec.name })
  const y = g.op('Transpose', [g.op('Reshape', [pooled, ctx.ints([channels, -1])])], swap2d)
  return {
    y,
    backward(dy) {
      const scaled = g.op('Mul', [
        g.op('Transpose', [dy], swap2d),
        ctx.scalar(1 / (height * width)),
      ])
      const column = g.op('Unsqueeze', [scaled, ctx.ints([2, 3])])
      return g.op('Expand', [column, g.op('Shape', [x])], { name: `${spec.name}_dx` })
    },
  }
}

/**
 * Flatten in tfjs' order (height, width, channels): the [C, N, H, W] activation goes back to
 * NHWC first, so the Dense kernel that follows reads the same features as in tfjs.
 */
export const emitFlatten: LayerEmitter<FlattenSpec> = (ctx, spec, x) => {
  const { g } = ctx
  if (spec.inputShape.length !== 3) {
    return { y: x, backward: (dy) => dy }
  }
  const [height, width, channels] = spec.inputShape as [number, number, number]
  const nhwc = g.op('Transpose', [x], { attributes: { perm: attr.ints([1, 2, 3, 0]) } })
  const y = g.op('Reshape', [nhwc, ctx.ints([0, -1])], { name: spec.name })
  return {
    y,
    backward(dy) {
      const back = g.op('Reshape', [dy, ctx.ints([-1, height, width, channels])])
      return g.op('Transpose', [back], { attributes: { perm: attr.ints([3, 0, 1, 2]) } })
    },
  }
}

/**
 * Dropout in training mode: x times a mask the engine draws from its seeded generator (0 or
 * 1 / (1 - rate), inverted dropout as tfjs).
 */
export const emitDropout: LayerEmitter<DropoutSpec> = (ctx, spec, x) => {
  if (spec.rate <= 0) return { y: x, backward: (dy) => dy }
  const shape = spec.inputShape
  const dims = shape.length === 3 ? [shape[2]!, BATCH, shape[0]!, shape[1]!] : [BATCH, ...shape]
  const mask = ctx.dropoutMask(spec.name, dims, spec.rate)
  const y = ctx.g.op('Mul', [x, mask], { name: spec.name })
  return { y, backward: (dy) => ctx.g.op('Mul', [dy, mask]) }
}
