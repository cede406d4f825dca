import { Worker } from 'node:worker_threads'

import * as tf from '../../../common/tf'
import { beforeAll, describe, expect, it } from 'vitest'

import { relativeError } from '../../kernels/crossBackend.testUtil'
import type { ModelDefinition } from '../../../common/models/modelDefinition'
import { tinyCnn } from '../../../common/models/tinyCnn'
import { oneHotTargets } from '../../data/targets'
import { ADAM_DEFAULTS } from '../adam'
import type { EngineSnapshot } from '../types'

import { compileTrainingStep, STEP_INPUTS } from './compileTraining'
import { requireOrt } from './gradientCheck.testUtil'
import { createOrtSession } from './loadOrt'
import { createOnnxEngine } from './onnxEngine'
import { readPresetLayers } from './presetLayers'

const SIZE = 48
const TOLERANCE = 1e-5
const LEARNING_RATE = 1e-3

/** `count` faces of noise with labels cycling through the classes. */
function makeBatch(count: number, seed: number) {
  let state = seed
  const rand = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  const x = Float32Array.from({ length: count * SIZE * SIZE }, rand)
  const y = Int32Array.from({ length: count }, (_, i) => (i * 3 + seed) % 7)
  const sampleWeights = Float32Array.from({ length: count }, () => 0.5 + rand())
  return { x, y, targets: oneHotTargets(y), count, sampleWeights, learningRate: LEARNING_RATE }
}

/** No BatchNorm (whose statistics are per shard), a dropout on images and one on vectors. */
const noBatchNorm: ModelDefinition = {
  name: 'no-bn',
  description: 'convolutions, pooling and dropout without BatchNorm',
  inputSize: SIZE,
  build: () =>
    tf.sequential({
      layers: [
        tf.layers.conv2d({
          inputShape: [SIZE, SIZE, 1],
          filters: 4,
          kernelSize: 3,
          strides: 2,
          padding: 'same',
          activation: 'relu',
        }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.dropout({ rate: 0.25 }),
        tf.layers.conv2d({ filters: 6, kernelSize: 3, padding: 'same', activation: 'relu' }),
        tf.layers.globalAveragePooling2d({}),
        tf.layers.dropout({ rate: 0.5 }),
        tf.layers.dense({ units: 7, activation: 'softmax' }),
      ],
    }),
}

/** One engine step from `start`; its loss, correct count and snapshot after. */
async function engineStep(
  definition: ModelDefinition,
  shards: number,
  start: EngineSnapshot,
  batch: ReturnType<typeof makeBatch>,
) {
  const engine = await createOnnxEngine({ definition, seed: 4, threads: 1, shards })
  await engine.restore(start)
  const result = await engine.trainBatch(batch)
  const after = await engine.snapshot()
  await engine.dispose()
  return { ...result, after }
}

function expectSameSnapshot(actual: EngineSnapshot, expected: EngineSnapshot) {
  expect(actual.step).toBe(expected.step)
  const pairs = [
    ...expected.weights.map((w, i) => [w, actual.weights[i]!] as const),
    ...expected.optimizer.map((w, i) => [w, actual.optimizer[i]!] as const),
  ]
  for (const [e, a] of pairs)
    expect(relativeError(a.values, e.values), e.name).toBeLessThan(TOLERANCE)
}

describe('ONNX engine: gradient graph per shard, then one update graph', () => {
  beforeAll(async () => {
    await requireOrt()
    await tf.setBackend('cpu')
  })

  it('gives the one-graph step (forward, backward and Adam fused) on a BatchNorm model', async () => {
    const model = tinyCnn.build(2)
    const graph = compileTrainingStep(readPresetLayers(model), {
      update: 'optimizer',
      adam: ADAM_DEFAULTS,
    })
    const created = await createOrtSession(graph.bytes, { threads: 1 })
    if (!created.ok) throw new Error(created.reason)
    const { ort, session } = created
    const batch = makeBatch(5, 1)
    const t = (values: Float32Array, dims: readonly number[]) =>
      new ort.Tensor('float32', values, [...dims])
    const { beta1, beta2, epsilon } = ADAM_DEFAULTS
    const feeds: Record<string, InstanceType<typeof ort.Tensor>> = {
      [STEP_INPUTS.x]: t(batch.x, [5, SIZE, SIZE, 1]),
      [STEP_INPUTS.targets]: t(
        Float32Array.from({ length: 35 }, (_, k) => (batch.y[Math.floor(k / 7)] === k % 7 ? 1 : 0)),
        [5, 7],
      ),
      [STEP_INPUTS.faceWeights]: t(
        batch.sampleWeights.map((w) => w / 5),
        [5],
      ),
      [STEP_INPUTS.alpha]: t(
        Float32Array.of((LEARNING_RATE * Math.sqrt(1 - beta2)) / (1 - beta1)),
        [],
      ),
      [STEP_INPUTS.epsilon]: t(Float32Array.of(epsilon * Math.sqrt(1 - beta2)), []),
    }
    for (const slot of graph.weights) {
      const shape = slot.ref.shape
      const values = (await model.weights[slot.ref.index]!.read().data()) as Float32Array
      feeds[slot.input] = t(values, shape)
      for (const state of slot.state) feeds[state.input] = t(new Float32Array(values.length), shape)
    }
    const out = await session.run(feeds)
    await session.release()

    const definition: ModelDefinition = { ...tinyCnn, build: () => tinyCnn.build(2) }
    const engine = await createOnnxEngine({ definition, seed: 4, threads: 1 })
    const result = await engine.trainBatch(batch)
    const after = await engine.snapshot()
    await engine.dispose()
    const read = (name: string) => out[name]!.data as Float32Array
    expect(Math.abs(result.loss - read(graph.outputs.loss)[0]!)).toBeLessThan(1e-6)
    expect(result.correct).toBe(read(graph.outputs.correct)[0])
    const trainable = graph.weights.filter((s) => s.state.length > 0)
    for (const slot of graph.weights) {
      const mine = after.weights[slot.ref.index]!.values
      expect(relativeError(mine, read(slot.next!)), slot.ref.name).toBeLessThan(TOLERANCE)
    }
    trainable.forEach((slot, i) => {
      const m = after.optimizer[i]!.values
      const v = after.optimizer[trainable.length + i]!.values
      const [mSlot, vSlot] = slot.state
      expect(relativeError(m, read(mSlot!.next)), `m ${slot.ref.name}`).toBeLessThan(TOLERANCE)
      expect(relativeError(v, read(vSlot!.next)), `v ${slot.ref.name}`).toBeLessThan(TOLERANCE)
    })
    model.dispose()
  })

  it.each([
    [7, 2],
    [9, 3],
    [1, 2],
  ])(
    '%i faces on %i shards give the one-shard step (loss, gradients, weights)',
    async (count, shards) => {
      const start = await (async () => {
        const engine = await createOnnxEngine({ definition: noBatchNorm, seed: 4, threads: 1 })
        // A step first, so Adam's moments are not zero and the check sees their update too.
        await engine.trainBatch(makeBatch(4, 9))
        const snap = await engine.snapshot()
        await engine.dispose()
        return snap
      })()
      const batch = makeBatch(count, 3)
      const one = await engineStep(noBatchNorm, 1, start, batch)
      const many = await engineStep(noBatchNorm, shards, start, batch)
      expect(Math.abs(many.loss - one.loss) / one.loss).toBeLessThan(TOLERANCE)
      expect(many.correct).toBe(one.correct)
      expectSameSnapshot(many.after, one.after)
    },
  )

  it('falls back to one session in this thread, and says so, when threads cannot start', async () => {
    const warnings: string[] = []
    const engine = await createOnnxEngine({
      definition: noBatchNorm,
      seed: 4,
      threads: 2,
      shards: 2,
      spawnSessionThread: () => new Worker('throw new Error("no thread here")', { eval: true }),
      spawnShardThread: () => new Worker('throw new Error("no thread here")', { eval: true }),
      warn: (m) => warnings.push(m),
    })
    expect(engine.threads).toBe(2)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain('no thread here')
    const result = await engine.trainBatch(makeBatch(4, 2))
    expect(Number.isFinite(result.loss)).toBe(true)
    expect(await engine.predict(makeBatch(3, 1).x, 3)).toHaveLength(21)
    expect(warnings).toHaveLength(2)
    expect(warnings[1]).toContain('inference')
    await engine.dispose()
  })

  it('predicts and evaluates in one thread per core as one session does (odd count)', async () => {
    const definition: ModelDefinition = { ...tinyCnn, build: () => tinyCnn.build(6) }
    const { x, y } = makeBatch(9, 4)
    const threaded = await createOnnxEngine({ definition, seed: 1, threads: 2, shards: 2 })
    // A step first: inference then runs on weights (and BN statistics) that training changed.
    await threaded.trainBatch(makeBatch(8, 5))
    const single = await createOnnxEngine({ definition, seed: 1, threads: 1 })
    await single.restore(await threaded.snapshot())
    const expected = await single.predict(x, 9)
    expect(relativeError(await threaded.predict(x, 9), expected)).toBeLessThan(TOLERANCE)
    const mine = await threaded.evaluate(x, y, 9)
    const theirs = await single.evaluate(x, y, 9)
    expect(Math.abs(mine.loss - theirs.loss) / theirs.loss).toBeLessThan(TOLERANCE)
    expect(relativeError(mine.probabilities, expected)).toBeLessThan(TOLERANCE)
    await threaded.dispose()
    await single.dispose()
  })
})
