import * as tf from '../../common/tf'

import { ADAM_DEFAULTS } from './adam'
import { type OptimizerSettings, stateSlots } from './optimizerSettings'
import type { EngineSnapshot } from './types'

export type Optimizer = Readonly<{
  /** One update of every variable from its gradient (same order as the variables). */
  apply(grads: readonly tf.Tensor[], learningRate: number): void
  step(): number
  state(): Promise<EngineSnapshot['optimizer']>
  restore(state: EngineSnapshot['optimizer'], step: number): void
  dispose(): void
}>

/**
 * The optimizers written out, rather than tf.train.*, because the learning rate changes every
 * step (schedules), the state must be saved/restored by position and moved between threads, and
 * the step count must survive a checkpoint for Adam's bias correction to stay right.
 *
 * - adam: Keras' Adam (engine/adam.ts' arithmetic; ONNX's layers/adamUpdate.ts is the same).
 * - adamw: w <- w (1 - lr wd), then Adam (Loshchilov & Hutter, as PyTorch's AdamW).
 * - sgd: PyTorch's Nesterov SGD, b <- mu b + g, w <- w (1 - lr wd) - lr (g + mu b).
 * Decay applies only where `decayed[i]` is true (kernels; see optimizerSettings.isDecayed).
 * State arrays are named `<slot>/<i>` (m/i, v/i for Adam; momentum/i for SGD).
 */
export function createOptimizer(
  variables: readonly tf.Variable[],
  settings: OptimizerSettings,
  decayed: readonly boolean[],
): Optimizer {
  const { beta1, beta2, epsilon } = ADAM_DEFAULTS
  const slots = stateSlots(settings.kind)
  const state = slots.map(() => variables.map((v) => tf.variable(tf.zerosLike(v), false)))
  let step = 0

  const decay = (variable: tf.Variable, i: number, learningRate: number): tf.Tensor =>
    settings.weightDecay > 0 && decayed[i]
      ? tf.mul(variable, 1 - learningRate * settings.weightDecay)
      : variable

  const adamStep = (learningRate: number) => {
    const c1 = 1 - beta1 ** step
    const c2 = 1 - beta2 ** step
    // Folding the bias corrections into the step size saves two full-size divisions.
    const alpha = (learningRate * Math.sqrt(c2)) / c1
    const eps = epsilon * Math.sqrt(c2)
    return (variable: tf.Variable, g: tf.Tensor, i: number) => {
      const [m, s] = [state[0]![i]!, state[1]![i]!]
      const nextM = tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1))
      const nextS = tf.add(tf.mul(s, beta2), tf.mul(tf.square(g), 1 - beta2))
      m.assign(nextM)
      s.assign(nextS)
      const base = decay(variable, i, learningRate)
      variable.assign(tf.sub(base, tf.mul(tf.div(nextM, tf.add(tf.sqrt(nextS), eps)), alpha)))
    }
  }

  const sgdStep = (learningRate: number) => (variable: tf.Variable, g: tf.Tensor, i: number) => {
    const buffer = state[0]![i]!
    const next = tf.add(tf.mul(buffer, settings.momentum), g)
    buffer.assign(next)
    const direction = tf.add(g, tf.mul(next, settings.momentum))
    variable.assign(tf.sub(decay(variable, i, learningRate), tf.mul(direction, learningRate)))
  }

  return {
    apply(grads, learningRate) {
      step += 1
      const update = settings.kind === 'sgd' ? sgdStep(learningRate) : adamStep(learningRate)
      tf.tidy(() => {
        variables.forEach((variable, i) => {
          const g = grads[i]
          if (!g) throw new Error(`Optimizer: no gradient for ${variable.name}`)
          update(variable, g, i)
        })
      })
    },
    step: () => step,
    async state() {
      const out: { name: string; shape: number[]; values: Float32Array }[] = []
      for (const [k, list] of state.entries()) {
        for (const [i, t] of list.entries()) {
          out.push({
            name: `${slots[k]}/${i}`,
            shape: t.shape,
            values: (await t.data()) as Float32Array,
          })
        }
      }
      return out
    },
    restore(saved, restoredStep) {
      const all = state.flat()
      if (saved.length !== all.length) {
        throw new Error(
          `Optimizer state has ${saved.length} tensors, expected ${all.length} (${settings.kind}): ` +
            'was the checkpoint written with another optimizer?',
        )
      }
      all.forEach((t, i) => {
        const entry = saved[i]!
        if (entry.shape.join('x') !== t.shape.join('x')) {
          throw new Error(
            `Optimizer state ${entry.name} has shape ${entry.shape}, expected ${t.shape}`,
          )
        }
        tf.tidy(() => t.assign(tf.tensor(entry.values, t.shape)))
      })
      step = restoredStep
    },
    dispose() {
      for (const t of state.flat()) t.dispose()
    },
  }
}
