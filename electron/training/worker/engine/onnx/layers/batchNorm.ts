import { attr } from '../onnxBuilder'
import type { LayerSpec } from '../presetLayers'

import type { EmitContext, LayerEmitter } from './emitContext'

type BatchNormSpec = Extract<LayerSpec, { kind: 'batchNorm' }>

const keepdims = { attributes: { keepdims: attr.int(1) } }

/**
 * BatchNormalization over the channel axis (images [C, N, H, W]: statistics over N, H, W, one
 * contiguous block per channel; vectors [N, F]: over N), like tfjs-layers:
 * this batch's mean and biased variance normalise x (training mode); the moving statistics move
 * as moving - (moving - batch) * (1 - momentum), exactly tfjs' update.
 * Backward (x̂ the normalised input, M the count per channel):
 * dx = gamma / sqrt(var + eps) * (dy - sum(dy) / M - x̂ * sum(dy * x̂) / M).
 */
export const emitBatchNorm: LayerEmitter<BatchNormSpec> = (ctx, spec, x) => {
  const { g } = ctx
  const images = spec.inputShape.length === 3
  const channels = spec.inputShape.at(-1)!
  const axes = images ? [1, 2, 3] : [0]
  const broadcast = (v: string) =>
    images ? g.op('Reshape', [v, ctx.ints([channels, 1, 1, 1])]) : v
  const gamma = spec.gamma ? broadcast(ctx.weight(spec.gamma)) : null
  const beta = spec.beta ? broadcast(ctx.weight(spec.beta)) : null
  const movingMean = ctx.weight(spec.movingMean)
  const movingVariance = ctx.weight(spec.movingVariance)
  const epsilon = ctx.scalar(spec.epsilon)
  const scaleShift = (normalised: string) => {
    const scaled = gamma ? g.op('Mul', [normalised, gamma]) : normalised
    return beta ? g.op('Add', [scaled, beta], { name: spec.name }) : scaled
  }

  const reduceMean = (v: string) =>
    g.op('ReduceMean', [v], { attributes: { axes: attr.ints(axes), keepdims: attr.int(1) } })
  const mean = reduceMean(x)
  const centred = g.op('Sub', [x, mean])
  const variance = reduceMean(g.op('Mul', [centred, centred]))
  const rstd = g.op('Reciprocal', [g.op('Sqrt', [g.op('Add', [variance, epsilon])])])
  const normalised = g.op('Mul', [centred, rstd])

  const decay = ctx.scalar(1 - spec.momentum)
  const flat = (v: string) => g.op('Reshape', [v, ctx.ints([channels])])
  const moved = (moving: string, batch: string) =>
    g.op('Sub', [moving, g.op('Mul', [g.op('Sub', [moving, flat(batch)]), decay])])
  ctx.movingUpdate(spec.movingMean, moved(movingMean, mean))
  ctx.movingUpdate(spec.movingVariance, moved(movingVariance, variance))

  return {
    y: scaleShift(normalised),
    backward(dy) {
      const sumDy = g.op('ReduceSum', [dy, ctx.ints(axes)], keepdims)
      const sumDyX = g.op('ReduceSum', [g.op('Mul', [dy, normalised]), ctx.ints(axes)], keepdims)
      if (spec.beta) ctx.gradient(spec.beta, flat(sumDy))
      if (spec.gamma) ctx.gradient(spec.gamma, flat(sumDyX))
      const perChannel = countPerChannel(ctx, x, axes)
      const inner = g.op('Sub', [
        g.op('Sub', [dy, g.op('Div', [sumDy, perChannel])]),
        g.op('Mul', [normalised, g.op('Div', [sumDyX, perChannel])]),
      ])
      const factor = gamma ? g.op('Mul', [rstd, gamma]) : rstd
      return g.op('Mul', [inner, factor], { name: `${spec.name}_dx` })
    },
  }
}

/** N*H*W (or N) as a float scalar, from the runtime shape: the batch size is not fixed. */
function countPerChannel(ctx: EmitContext, x: string, axes: readonly number[]): string {
  const { g } = ctx
  const dims = g.op('Gather', [g.op('Shape', [x]), ctx.ints(axes)])
  const count = g.op('ReduceProd', [dims], { attributes: { keepdims: attr.int(0) } })
  return g.op('Cast', [count], { attributes: { to: attr.int(1) } })
}
