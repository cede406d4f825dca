import { attr } from '../onnxBuilder'
import type { LayerSpec } from '../presetLayers'

import type { EmitContext, LayerEmitter } from './emitContext'

type BatchNormSpec = Extract<LayerSpec, { kind: 'batchNorm' }>

/**
 * BatchNormalization over the channel axis (images [C, N, H, W]: statistics over N, H, W, one
 * contiguous block per channel; vectors [N, F]: over N), like tfjs-layers:
 * this batch's mean and biased variance normalise x (training mode); the moving statistics move
 * as moving - (moving - batch) * (1 - momentum), exactly tfjs' update.
 * Backward (x̂ = (x - mean) rstd, M the count per channel):
 * dx = gamma rstd (dy - sum(dy) / M - x̂ sum(dy x̂) / M)
 *    = dy k1 + k3 + (x - mean) k2, with per-channel k1 = gamma rstd, k3 = -k1 sum(dy) / M and
 *      k2 = -k1 rstd² sum(dy (x - mean)) / M.
 * Full-size passes are what this layer costs (its per-channel values are tiny), so both
 * directions apply their per-channel affine maps with ONNX's inference BatchNormalization (one
 * pass: (t - mean) / sqrt(var + eps) scale + bias) on the activation seen as [1, C, rest] or
 * [N, F]: forward 5 passes (mean, centre, square, mean, normalise) instead of 7, backward 6.
 */
export const emitBatchNorm: LayerEmitter<BatchNormSpec> = (ctx, spec, x) => {
  const { g } = ctx
  const images = spec.inputShape.length === 3
  const channels = spec.inputShape.at(-1)!
  const axes = images ? [1, 2, 3] : [0]
  const flat = (v: string) => g.op('Reshape', [v, ctx.ints([channels])])
  const ones = g.initializer('ones', new Float32Array(channels).fill(1), [channels])
  const zeros = g.initializer('zeros', new Float32Array(channels), [channels])
  const gamma = spec.gamma ? ctx.weight(spec.gamma) : ones
  const beta = spec.beta ? ctx.weight(spec.beta) : zeros
  const movingMean = ctx.weight(spec.movingMean)
  const movingVariance = ctx.weight(spec.movingVariance)
  // Images as [1, C, N*H*W], so ONNX's channel axis (1) is ours.
  const asChannels = (v: string) => (images ? g.op('Reshape', [v, ctx.ints([1, channels, -1])]) : v)
  const back = (v: string) => (images ? g.op('Reshape', [v, g.op('Shape', [x])]) : v)
  /** t * scale + bias per channel, as one BatchNormalization pass. */
  const affine = (t: string, scale: string, bias: string, name: string) =>
    back(
      g.op('BatchNormalization', [asChannels(t), scale, bias, zeros, ones], {
        attributes: { epsilon: attr.float(0) },
        name,
      }),
    )

  const perChannel = countPerChannel(ctx, x, axes)
  const mean = g.op('ReduceMean', [x], {
    attributes: { axes: attr.ints(axes), keepdims: attr.int(1) },
  })
  const centred = g.op('Sub', [x, mean])
  // ReduceMean of the squares, not ReduceSumSquare: ORT sums the latter in one float32 run, whose
  // rounding over N*H*W values (1e-4 relative at 9216) showed in the gradient checks.
  const variance = g.op('ReduceMean', [g.op('Mul', [centred, centred])], {
    attributes: { axes: attr.ints(axes), keepdims: attr.int(1) },
  })
  const epsilon = ctx.scalar(spec.epsilon)
  const rstd = g.op('Reciprocal', [g.op('Sqrt', [g.op('Add', [flat(variance), epsilon])])])
  const k1 = g.op('Mul', [gamma, rstd])
  // y = (x - mean) k1 + beta.
  const y = affine(centred, k1, beta, spec.name)

  const decay = ctx.scalar(1 - spec.momentum)
  const moved = (moving: string, batch: string) =>
    g.op('Sub', [moving, g.op('Mul', [g.op('Sub', [moving, flat(batch)]), decay])])
  ctx.movingUpdate(spec.movingMean, moved(movingMean, mean))
  ctx.movingUpdate(spec.movingVariance, moved(movingVariance, variance))

  return {
    y,
    backward(dy) {
      const sum = (v: string) =>
        flat(g.op('ReduceSum', [v, ctx.ints(axes)], { attributes: { keepdims: attr.int(1) } }))
      const sumDy = sum(dy)
      const sumDyCentred = sum(g.op('Mul', [dy, centred]))
      // dbeta = sum(dy); dgamma = sum(dy x̂) = rstd sum(dy (x - mean)).
      if (spec.beta) ctx.gradient(spec.beta, sumDy)
      if (spec.gamma) ctx.gradient(spec.gamma, g.op('Mul', [sumDyCentred, rstd]))
      const overM = (v: string) => g.op('Div', [v, perChannel])
      const k3 = g.op('Neg', [g.op('Mul', [k1, overM(sumDy)])])
      const k2 = g.op('Neg', [
        g.op('Mul', [g.op('Mul', [k1, g.op('Mul', [rstd, rstd])]), overM(sumDyCentred)]),
      ])
      const k2Broadcast = images ? g.op('Reshape', [k2, ctx.ints([channels, 1, 1, 1])]) : k2
      return g.op(
        'Add',
        [affine(dy, k1, k3, `${spec.name}_dy`), g.op('Mul', [centred, k2Broadcast])],
        {
          name: `${spec.name}_dx`,
        },
      )
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
