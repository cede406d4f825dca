import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { NUM_EMOTIONS } from '../../../../shared/domain/emotion'
import { fillTarget } from '../data/targets'

import { createComputeEngine } from './createComputeEngine'
import type { OptimizerSettings } from './optimizerSettings'
import type { BackendName } from '../../../../shared/domain/training'
import type { ComputeEngine, EngineSnapshot, TrainBatch } from './types'

const SIZE = 48
const HALF = 6

/**
 * A batch whose second half repeats the first: each of two data-parallel replicas then sees the
 * same faces, so its BatchNorm statistics are the whole batch's and every engine must give the
 * same step. Targets are soft (a two-class mix), smoothed, with per-face weights.
 */
function duplicatedBatch(learningRate: number): TrainBatch {
  const count = 2 * HALF
  const x = new Float32Array(count * SIZE * SIZE)
  const targets = new Float32Array(count * NUM_EMOTIONS)
  const sampleWeights = new Float32Array(count)
  let state = 7
  const rand = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  const soft = new Float32Array(HALF * NUM_EMOTIONS)
  for (let i = 0; i < HALF; i++) {
    for (let p = 0; p < SIZE * SIZE; p++) x[i * SIZE * SIZE + p] = rand()
    soft[i * NUM_EMOTIONS + (i % 7)] = 0.7
    soft[i * NUM_EMOTIONS + ((i + 3) % 7)] = 0.3
    fillTarget(targets, i, 0, soft, i, 0.1)
    sampleWeights[i] = 0.5 + rand()
  }
  x.copyWithin(HALF * SIZE * SIZE, 0, HALF * SIZE * SIZE)
  targets.copyWithin(HALF * NUM_EMOTIONS, 0, HALF * NUM_EMOTIONS)
  sampleWeights.copyWithin(HALF, 0, HALF)
  return { x, targets, count, sampleWeights, learningRate }
}

const ENGINES: readonly [string, BackendName, number][] = [
  ['ONNX Runtime', 'onnxruntime', 1],
  ['ONNX Runtime, 2 data-parallel session threads', 'onnxruntime', 2],
  ['tfjs wasm, 2 data-parallel replicas', 'wasm', 2],
]

const OPTIMIZERS: readonly [OptimizerSettings, number][] = [
  [{ kind: 'adam', momentum: 0.9, weightDecay: 0 }, 1e-3],
  [{ kind: 'adamw', momentum: 0.9, weightDecay: 0.05 }, 1e-3],
  [{ kind: 'sgd', momentum: 0.9, weightDecay: 0.01 }, 0.05],
]

function maxRelativeDifference(a: EngineSnapshot, b: EngineSnapshot): number {
  let worst = 0
  const pairs = [...a.weights.map((w, i) => [w, b.weights[i]!] as const)]
  pairs.push(...a.optimizer.map((w, i) => [w, b.optimizer[i]!] as const))
  for (const [x, y] of pairs) {
    const scale = Math.max(...y.values.map(Math.abs), 1e-6)
    x.values.forEach((v, k) => (worst = Math.max(worst, Math.abs(v - y.values[k]!) / scale)))
  }
  return worst
}

describe.each(OPTIMIZERS)('%o: every engine takes the same steps', (optimizer, learningRate) => {
  let reference: ComputeEngine
  let start: EngineSnapshot
  const batch = duplicatedBatch(learningRate)
  const steps = async (engine: ComputeEngine) => {
    await engine.restore(start)
    const losses = [(await engine.trainBatch(batch)).loss, (await engine.trainBatch(batch)).loss]
    return { losses, after: await engine.snapshot() }
  }

  beforeAll(async () => {
    const options = { model: 'tiny-cnn', seed: 1, optimizer } as const
    reference = await createComputeEngine({ ...options, backend: 'cpu', maxThreads: 1 })
    start = await reference.snapshot()
  })
  afterAll(() => reference.dispose())

  it.each(ENGINES)(
    '%s gives the single-thread tfjs cpu loss and weights',
    async (_, backend, threads) => {
      const expected = await steps(reference)
      const engine = await createComputeEngine({
        model: 'tiny-cnn',
        seed: 5,
        optimizer,
        backend,
        maxThreads: threads,
      })
      expect(engine.backend).toBe(backend)
      expect(engine.threads).toBe(threads)
      const actual = await steps(engine)
      await engine.dispose()
      actual.losses.forEach((loss, i) => expect(loss).toBeCloseTo(expected.losses[i]!, 4))
      expect(actual.after.step).toBe(2)
      expect(actual.after.optimizer.map((s) => s.name)).toEqual(
        expected.after.optimizer.map((s) => s.name),
      )
      expect(maxRelativeDifference(actual.after, expected.after)).toBeLessThan(2e-3)
    },
  )
})
