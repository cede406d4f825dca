import * as tf from '../../common/tf'
import { beforeAll, describe, expect, it } from 'vitest'

import { createOptimizer } from './optimizer'
import { isDecayed, optimizerSettings, type OptimizerSettings } from './optimizerSettings'

const LR = 0.1

/** Two steps of `settings` on a kernel [1, 2] and a bias [3] with gradients [0.5, -1] and [0]. */
async function twoSteps(settings: OptimizerSettings) {
  const kernel = tf.variable(tf.tensor1d([1, 2]))
  const bias = tf.variable(tf.tensor1d([3]))
  const optimizer = createOptimizer([kernel, bias], settings, [true, false])
  for (let i = 0; i < 2; i++) {
    optimizer.apply([tf.tensor1d([0.5, -1]), tf.tensor1d([0])], LR)
  }
  const out = { kernel: Array.from(await kernel.data()), bias: Array.from(await bias.data()) }
  const state = await optimizer.state()
  optimizer.dispose()
  tf.dispose([kernel, bias])
  return { ...out, state }
}

describe('createOptimizer', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu')
  })

  it('SGD: Nesterov momentum as PyTorch writes it, decoupled decay on kernels only', async () => {
    const mu = 0.9
    const wd = 0.01
    const { kernel, bias, state } = await twoSteps({ kind: 'sgd', momentum: mu, weightDecay: wd })
    // By hand for the first coordinate: b1 = g, w1 = w0 (1 - lr wd) - lr (g + mu b1); b2 = mu b1 + g.
    const g = 0.5
    let w = 1
    let b = 0
    for (let i = 0; i < 2; i++) {
      b = mu * b + g
      w = w * (1 - LR * wd) - LR * (g + mu * b)
    }
    expect(kernel[0]).toBeCloseTo(w, 6)
    expect(bias).toEqual([3])
    expect(state.map((s) => s.name)).toEqual(['momentum/0', 'momentum/1'])
    expect(state[0]!.values[0]).toBeCloseTo(b, 6)
  })

  it('AdamW decays kernels by lr * wd before the Adam step; Adam does not decay', async () => {
    const adam = await twoSteps({ kind: 'adam', momentum: 0.9, weightDecay: 0 })
    const adamw = await twoSteps({ kind: 'adamw', momentum: 0.9, weightDecay: 0.2 })
    // Same gradients, so the Adam part of both is the same: the difference is the decay.
    const decayed = (1 * (1 - LR * 0.2) - (1 - adam.kernel[0]!) / 2) * (1 - LR * 0.2)
    expect(adamw.kernel[0]).toBeCloseTo(decayed - (1 - adam.kernel[0]!) / 2, 5)
    expect(adamw.bias).toEqual(adam.bias)
    expect(adam.state.map((s) => s.name)).toEqual(['m/0', 'm/1', 'v/0', 'v/1'])
  })

  it('decays only kernels: not biases, BatchNorm gamma/beta or moving statistics', () => {
    expect(isDecayed('conv2d_Conv2D1/kernel')).toBe(true)
    expect(isDecayed('dense_Dense3/kernel')).toBe(true)
    for (const name of ['conv2d_Conv2D1/bias', 'bn/gamma', 'bn/beta', 'bn/moving_mean']) {
      expect(isDecayed(name)).toBe(false)
    }
  })

  it("fills in each optimizer's default weight decay", () => {
    const settings = (kind: 'adam' | 'adamw' | 'sgd') =>
      optimizerSettings({ kind, momentum: 0.9, weightDecay: null })
    expect(settings('adam').weightDecay).toBe(0)
    expect(settings('adamw').weightDecay).toBe(0.01)
    expect(settings('sgd').weightDecay).toBe(5e-4)
  })

  it('refuses optimizer state of another optimizer, saying so', async () => {
    const w = tf.variable(tf.tensor1d([1]))
    const adam = createOptimizer([w], { kind: 'adam', momentum: 0.9, weightDecay: 0 }, [true])
    const sgd = createOptimizer([w], { kind: 'sgd', momentum: 0.9, weightDecay: 0 }, [true])
    expect(() => sgd.restore([], 0)).toThrow(/another optimizer/)
    expect(() => adam.restore([], 0)).toThrow(/expected 2/)
    adam.dispose()
    sgd.dispose()
    w.dispose()
  })
})
