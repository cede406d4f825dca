import { Worker } from 'node:worker_threads'

import * as tf from '../../../common/tf'
import { beforeAll, describe, expect, it } from 'vitest'

import { relativeError } from '../../kernels/crossBackend.testUtil'
import type { ModelDefinition } from '../../../common/models/modelDefinition'
import { oneHotTargets } from '../../data/targets'
import type { OptimizerSettings } from '../optimizerSettings'
import type { EngineSnapshot } from '../types'

import { requireOrt } from './gradientCheck.testUtil'
import { createOnnxEngine } from './onnxEngine'
import { spawnDefaultShardThread } from './shardThreads'

const SIZE = 48
/** A random crop's input side. */
const CROP = 44
const TOLERANCE = 1e-5

/** Faces of `size` px; soft targets (label smoothing 0.1, as mixup and FER+ votes are). */
function makeBatch(count: number, seed: number, learningRate: number, size = SIZE, soft = false) {
  let state = seed
  const rand = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  const x = Float32Array.from({ length: count * size * size }, rand)
  const y = Int32Array.from({ length: count }, (_, i) => (i * 5 + seed) % 7)
  const sampleWeights = Float32Array.from({ length: count }, () => 0.5 + rand())
  const hard = oneHotTargets(y)
  const targets = soft ? hard.map((t) => t * 0.9 + 0.1 / 7) : hard
  return { x, targets, count, sampleWeights, learningRate }
}

/** Kernels, biases (decayed and not) and a dropout; no BatchNorm (shards normalise their own). */
const definitionAt = (size: number): ModelDefinition => ({
  name: 'sharded-update',
  description: 'two convolutions and a dense layer',
  inputSize: size,
  build: () =>
    tf.sequential({
      layers: [
        tf.layers.conv2d({
          inputShape: [size, size, 1],
          filters: 6,
          kernelSize: 3,
          strides: 2,
          padding: 'same',
          activation: 'relu',
        }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.dropout({ rate: 0.25 }),
        tf.layers.conv2d({ filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' }),
        tf.layers.globalAveragePooling2d({}),
        tf.layers.dense({ units: 7, activation: 'softmax' }),
      ],
    }),
})
const definition = definitionAt(SIZE)

const ADAM: OptimizerSettings = { kind: 'adam', momentum: 0.9, weightDecay: 0 }
const ADAMW: OptimizerSettings = { kind: 'adamw', momentum: 0.9, weightDecay: 0.05 }
const SGD: OptimizerSettings = { kind: 'sgd', momentum: 0.9, weightDecay: 5e-4 }

/**
 * Three steps from `start` (a schedule's rates, a last small batch); the losses and the snapshot
 * after. Engines of one seed draw the same dropout masks. The weights do not depend on the input
 * side (global pooling), so one start serves crops too.
 */
async function train(
  shards: number,
  optimizer: OptimizerSettings,
  start: EngineSnapshot,
  { size = SIZE, soft = false } = {},
) {
  const engine = await createOnnxEngine({
    definition: definitionAt(size),
    seed: 4,
    threads: shards,
    shards,
    optimizer,
  })
  await engine.restore(start)
  const losses: number[] = []
  for (const [count, lr] of [
    [8, 0.01],
    [8, 0.005],
    [3, 0.002],
  ] as const) {
    const batch = makeBatch(count, losses.length + 1, lr, size, soft)
    losses.push((await engine.trainBatch(batch)).loss)
  }
  const after = await engine.snapshot()
  await engine.dispose()
  return { losses, after }
}

function expectSameSnapshot(actual: EngineSnapshot, expected: EngineSnapshot) {
  expect(actual.step).toBe(expected.step)
  const pairs = [
    ...expected.weights.map((w, i) => [w, actual.weights[i]!] as const),
    ...expected.optimizer.map((w, i) => [w, actual.optimizer[i]!] as const),
  ]
  for (const [e, a] of pairs) {
    expect(relativeError(a.values, e.values), e.name).toBeLessThan(TOLERANCE)
  }
}

describe('ONNX engine: the update run by the shard threads, each on the weights it owns', () => {
  /** The model's initial weights (tfjs draws them unseeded) and zero optimizer state, per kind. */
  const initial = new Map<string, EngineSnapshot>()
  beforeAll(async () => {
    await requireOrt()
    await tf.setBackend('cpu')
    for (const optimizer of [ADAM, SGD]) {
      const engine = await createOnnxEngine({ definition, seed: 4, threads: 1, optimizer })
      initial.set(optimizer.kind, await engine.snapshot())
      await engine.dispose()
    }
  })
  const start = (optimizer: OptimizerSettings) =>
    initial.get(optimizer.kind === 'sgd' ? 'sgd' : 'adam')!

  it.each([
    ['adam', 2, ADAM],
    ['adamw', 2, ADAMW],
    ['adamw', 3, ADAMW],
    ['sgd', 2, SGD],
  ] as const)('%s on %i shards: the one-session losses and weights', async (_, n, optimizer) => {
    const one = await train(1, optimizer, start(optimizer))
    const many = await train(n, optimizer, start(optimizer))
    many.losses.forEach((loss, i) => {
      expect(Math.abs(loss - one.losses[i]!) / one.losses[i]!).toBeLessThan(TOLERANCE)
    })
    expectSameSnapshot(many.after, one.after)
    expect(many.after.step).toBe(3)
  })

  it('gives the one-session step on soft targets and random crops (44 px)', async () => {
    const crop = { size: CROP, soft: true }
    const one = await train(1, ADAMW, start(ADAMW), crop)
    const many = await train(2, ADAMW, start(ADAMW), crop)
    many.losses.forEach((loss, i) => {
      expect(Math.abs(loss - one.losses[i]!) / one.losses[i]!).toBeLessThan(TOLERANCE)
    })
    expectSameSnapshot(many.after, one.after)
  })

  it('resumes from a checkpoint: weights and optimizer state reach the shard threads', async () => {
    const first = await train(2, ADAMW, start(ADAMW))
    // Both resume from the sharded run's checkpoint (step 3); one sharded, one on one session.
    const sharded = await train(2, ADAMW, first.after)
    const single = await train(1, ADAMW, first.after)
    expect(sharded.after.step).toBe(6)
    sharded.losses.forEach((loss, i) => {
      expect(Math.abs(loss - single.losses[i]!) / single.losses[i]!).toBeLessThan(TOLERANCE)
    })
    expectSameSnapshot(sharded.after, single.after)
  })

  it('fails the step, leaving the weights as they were, when a shard fails', async () => {
    let spawned = 0
    const broken = `
      const { parentPort } = require('node:worker_threads')
      parentPort.on('message', (m) => parentPort.postMessage(m.method === 'step'
        ? { id: m.id, ok: false, error: 'shard broke' }
        : { id: m.id, ok: true, value: m.method === 'open' ? { threads: 1 } : null }))`
    const engine = await createOnnxEngine({
      definition,
      seed: 4,
      threads: 2,
      shards: 2,
      spawnShardThread: () =>
        spawned++ === 0 ? spawnDefaultShardThread() : new Worker(broken, { eval: true }),
    })
    const before = await engine.snapshot()
    // Shard 0 waits for shard 1 at the barrier: the failure must release it, twice.
    for (let i = 0; i < 2; i++) {
      await expect(engine.trainBatch(makeBatch(6, 1, 0.01))).rejects.toThrow('shard broke')
    }
    expectSameSnapshot(await engine.snapshot(), before)
    await engine.dispose()
  })
})
