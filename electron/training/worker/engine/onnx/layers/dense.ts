import { attr } from '../onnxBuilder'
import type { LayerSpec } from '../presetLayers'

import { activationBackward, activationForward } from './activation'
import type { LayerEmitter } from './emitContext'

type DenseSpec = Extract<LayerSpec, { kind: 'dense' }>

/**
 * Dense: y = activation(x K + b) with tfjs' [inputs, units] kernel. Backward: dK = xᵀ dz,
 * db = column sums of dz, dx = dz Kᵀ (Gemm's transpose flags, no copies).
 * `logits` leaves out the final softmax: the loss takes the logits (log-softmax is exact).
 */
export function emitDenseLayer(logits: boolean): LayerEmitter<DenseSpec> {
  return (ctx, spec, x, needInputGrad) => {
    const { g } = ctx
    const kernel = ctx.weight(spec.kernel)
    const z = g.op('Gemm', [x, kernel, ...(spec.bias ? [ctx.weight(spec.bias)] : [])], {
      name: spec.name,
    })
    const activation = logits ? 'linear' : spec.activation
    const y = activationForward(ctx, activation, z, spec.name)
    return {
      y,
      backward(dy) {
        const dz = activationBackward(ctx, activation, y, dy)
        ctx.gradient(
          spec.kernel,
          g.op('Gemm', [x, dz], { attributes: { transA: attr.int(1) }, name: `${spec.name}_dw` }),
        )
        if (spec.bias) {
          ctx.gradient(
            spec.bias,
            g.op('ReduceSum', [dz, ctx.ints([0])], { attributes: { keepdims: attr.int(0) } }),
          )
        }
        if (!needInputGrad) return null
        return g.op('Gemm', [dz, kernel], {
          attributes: { transB: attr.int(1) },
          name: `${spec.name}_dx`,
        })
      },
    }
  }
}
