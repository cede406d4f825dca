import { attr } from '../onnxBuilder'
import type { Activation, LayerSpec } from '../presetLayers'

import type { EmitContext, LayerEmitter } from './emitContext'

/** y = activation(z) inside a layer (Conv2D, Dense) or as its own layer. */
export function activationForward(
  ctx: EmitContext,
  activation: Activation,
  z: string,
  name: string,
): string {
  switch (activation) {
    case 'linear':
      return z
    case 'relu':
      return ctx.g.op('Relu', [z], { name })
    case 'softmax':
      return ctx.g.op('Softmax', [z], { attributes: { axis: attr.int(-1) }, name })
  }
}

/**
 * dL/dz from dL/dy, written with the activation's OUTPUT y (what the forward keeps anyway).
 * ReLU: dy where y > 0 (sign(y) is 0 or 1, as tfjs' step(x) on the input). Softmax along the
 * last axis: y * (dy - sum(dy * y)).
 */
export function activationBackward(
  ctx: EmitContext,
  activation: Activation,
  y: string,
  dy: string,
): string {
  const { g } = ctx
  switch (activation) {
    case 'linear':
      return dy
    case 'relu':
      return g.op('Mul', [dy, g.op('Sign', [y])])
    case 'softmax': {
      const dot = g.op('ReduceSum', [g.op('Mul', [dy, y]), ctx.ints([-1])], {
        attributes: { keepdims: attr.int(1) },
      })
      return g.op('Mul', [y, g.op('Sub', [dy, dot])])
    }
  }
}

type ActivationSpec = Extract<LayerSpec, { kind: 'activation' }>

/** A standalone Activation/ReLU/Softmax layer. */
export const emitActivation: LayerEmitter<ActivationSpec> = (ctx, spec, x) => {
  const y = activationForward(ctx, spec.activation, x, spec.name)
  return { y, backward: (dy) => activationBackward(ctx, spec.activation, y, dy) }
}
