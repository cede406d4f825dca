import * as tf from '../../common/tf'

import type { EngineSnapshot } from './types'

export type AdamOptions = Readonly<{ beta1: number; beta2: number; epsilon: number }>

/** Keras/tfjs defaults (epsilon 1e-7; PyTorch uses 1e-8, which makes no practical difference). */
export const ADAM_DEFAULTS: AdamOptions = { beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }

export type Adam = Readonly<{
  /** One update of every variable from its gradient (same order as the variables). */
  apply(grads: readonly tf.Tensor[], learningRate: number): void
  step(): number
  state(): Promise<EngineSnapshot['optimizer']>
  restore(state: EngineSnapshot['optimizer'], step: number): void
  dispose(): void
}>

/**
 * Adam written out, rather than tf.train.adam, because the learning rate changes every step
 * (schedules), the state must be saved/restored by position and moved between threads, and the
 * step count must survive a checkpoint for bias correction to stay right.
 */
export function createAdam(variables: readonly tf.Variable[], options = ADAM_DEFAULTS): Adam {
  const { beta1, beta2, epsilon } = options
  const m = variables.map((v) => tf.variable(tf.zerosLike(v), false))
  const s = variables.map((v) => tf.variable(tf.zerosLike(v), false))
  let step = 0

  return {
    apply(grads, learningRate) {
      step += 1
      const c1 = 1 - beta1 ** step
      const c2 = 1 - beta2 ** step
      // Folding the bias corrections into the step size saves two full-size divisions.
      const alpha = (learningRate * Math.sqrt(c2)) / c1
      const eps = epsilon * Math.sqrt(c2)
      tf.tidy(() => {
        variables.forEach((variable, i) => {
          const g = grads[i]
          const mi = m[i]
          const si = s[i]
          if (!g || !mi || !si) throw new Error(`Adam: no gradient for ${variable.name}`)
          const nextM = tf.add(tf.mul(mi, beta1), tf.mul(g, 1 - beta1))
          const nextS = tf.add(tf.mul(si, beta2), tf.mul(tf.square(g), 1 - beta2))
          mi.assign(nextM)
          si.assign(nextS)
          variable.assign(
            tf.sub(variable, tf.mul(tf.div(nextM, tf.add(tf.sqrt(nextS), eps)), alpha)),
          )
        })
      })
    },
    step: () => step,
    async state() {
      const out: { name: string; shape: number[]; values: Float32Array }[] = []
      for (const [prefix, list] of [
        ['m', m],
        ['v', s],
      ] as const) {
        for (const [i, t] of list.entries()) {
          out.push({
            name: `${prefix}/${i}`,
            shape: t.shape,
            values: (await t.data()) as Float32Array,
          })
        }
      }
      return out
    },
    restore(state, restoredStep) {
      const all = [...m, ...s]
      if (state.length !== all.length) {
        throw new Error(`Optimizer state has ${state.length} tensors, expected ${all.length}`)
      }
      all.forEach((t, i) => {
        const saved = state[i]!
        if (saved.shape.join('x') !== t.shape.join('x')) {
          throw new Error(
            `Optimizer state ${saved.name} has shape ${saved.shape}, expected ${t.shape}`,
          )
        }
        tf.tidy(() => t.assign(tf.tensor(saved.values, t.shape)))
      })
      step = restoredStep
    },
    dispose() {
      for (const t of [...m, ...s]) t.dispose()
    },
  }
}
