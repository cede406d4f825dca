import type { EmitContext } from './emitContext'

export type SgdNames = Readonly<{ buffer: string; learningRate: string }>

/**
 * One step of SGD with Nesterov momentum as graph nodes, the arithmetic of engine/optimizer.ts
 * (PyTorch's form): b' = mu b + g; w' = w - lr (g + mu b'). `weight` may already carry the
 * decoupled weight decay (w (1 - lr wd)); the engine feeds `learningRate` each step.
 */
export function emitSgdUpdate(
  ctx: EmitContext,
  weight: string,
  gradient: string,
  state: SgdNames,
  momentum: number,
): Readonly<{ weight: string; buffer: string }> {
  const { g } = ctx
  const buffer = g.op('Add', [g.op('Mul', [state.buffer, ctx.scalar(momentum)]), gradient])
  const direction = g.op('Add', [gradient, g.op('Mul', [buffer, ctx.scalar(momentum)])])
  const next = g.op('Sub', [weight, g.op('Mul', [direction, state.learningRate])])
  return { weight: next, buffer }
}
