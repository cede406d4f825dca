import type { EmitContext } from './emitContext'

export type AdamConstants = Readonly<{ beta1: number; beta2: number }>

export type AdamNames = Readonly<{ m: string; v: string; alpha: string; epsilon: string }>

/**
 * One Adam update written as graph nodes, the same arithmetic as engine/adam.ts:
 * m' = m b1 + g (1 - b1); v' = v b2 + g² (1 - b2); w' = w - m' / (sqrt(v') + ε̂) α̂, where the
 * engine feeds α̂ = lr sqrt(1 - b2^t) / (1 - b1^t) and ε̂ = ε sqrt(1 - b2^t) each step.
 */
export function emitAdamUpdate(
  ctx: EmitContext,
  weight: string,
  gradient: string,
  state: AdamNames,
  constants: AdamConstants,
): Readonly<{ weight: string; m: string; v: string }> {
  const { g } = ctx
  const { beta1, beta2 } = constants
  const m = g.op('Add', [
    g.op('Mul', [state.m, ctx.scalar(beta1)]),
    g.op('Mul', [gradient, ctx.scalar(1 - beta1)]),
  ])
  const v = g.op('Add', [
    g.op('Mul', [state.v, ctx.scalar(beta2)]),
    g.op('Mul', [g.op('Mul', [gradient, gradient]), ctx.scalar(1 - beta2)]),
  ])
  const stepDirection = g.op('Div', [m, g.op('Add', [g.op('Sqrt', [v]), state.epsilon])])
  const next = g.op('Sub', [weight, g.op('Mul', [stepDirection, state.alpha])])
  return { weight: next, m, v }
}
