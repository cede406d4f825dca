import { mkdtemp, rm } from 'node:fs/promises'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'

import * as tf from '../../common/tf'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { loadLayersModelFromDir } from '../../common/models/layersModelFiles'

import { createComputeEngine } from './createComputeEngine'
import type { OnnxEngine } from './onnx/onnxEngine'
import type { ComputeEngine } from './types'
import { oneHotTargets } from '../data/targets'

const SIZE = 48
const COUNT = 16

/** 16 faces whose class is written into the image (a bright stripe at row 6*label). */
function makeBatch(count: number, seed: number): { x: Float32Array; y: Int32Array } {
  let state = seed
  const rand = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  const x = new Float32Array(count * SIZE * SIZE)
  const y = new Int32Array(count)
  for (let i = 0; i < count; i++) {
    const label = i % 7
    y[i] = label
    for (let p = 0; p < SIZE * SIZE; p++) x[i * SIZE * SIZE + p] = rand() * 0.2
    for (let r = label * 6; r < label * 6 + 4; r++) {
      for (let c = 0; c < SIZE; c++) x[i * SIZE * SIZE + r * SIZE + c] = 1
    }
  }
  return { x, y }
}

// The same contract on every CPU engine: tfjs wasm (data-parallel threads) and ONNX Runtime, on
// idle cores (a shard thread per core) and on busy ones (one session).
describe.each([
  ['wasm', 64],
  ['onnxruntime', 64],
  ['onnxruntime', 0],
] as const)('createComputeEngine (tiny-cnn on %s, %i idle cores)', (name, idle) => {
  let engine: ComputeEngine
  const { x, y } = makeBatch(COUNT, 3)
  let dir: string

  beforeAll(async () => {
    engine = await createComputeEngine(
      { model: 'tiny-cnn', backend: name, seed: 1 },
      { idleCores: () => Promise.resolve(idle) },
    )
    dir = await mkdtemp(join(tmpdir(), 'engine-'))
  })
  afterAll(async () => {
    await engine.dispose()
    await rm(dir, { recursive: true, force: true })
  })

  it('reports the backend it runs on', () => {
    expect(engine.backend).toBe(name)
    if (name === 'onnxruntime') {
      const cores = availableParallelism()
      expect((engine as OnnxEngine).shards).toBe(idle > 0 && cores > 1 ? Math.min(cores, 4) : 1)
    }
    expect(engine.threads).toBeGreaterThanOrEqual(1)
    expect(engine.inputSize).toBe(48)
  })

  it('learns a separable batch and keeps the tensor count flat across steps and calls', async () => {
    const first = await engine.trainBatch({
      x,
      targets: oneHotTargets(y),
      count: COUNT,
      sampleWeights: null,
      learningRate: 1e-2,
    })
    const baseline = await engine.tensorCount()
    let last = first
    for (let step = 0; step < 40; step++) {
      last = await engine.trainBatch({
        x,
        targets: oneHotTargets(y),
        count: COUNT,
        sampleWeights: null,
        learningRate: 1e-2,
      })
      await engine.predict(x, COUNT)
      await engine.evaluate(x, y, COUNT)
      expect(await engine.tensorCount()).toBe(baseline)
    }
    expect(Number.isFinite(first.loss)).toBe(true)
    expect(last.loss).toBeLessThan(first.loss * 0.5)
    expect(last.correct).toBeGreaterThan(COUNT / 2)
  })

  it('weights faces: zero weights give zero loss, doubling every weight doubles the loss', async () => {
    const before = await engine.snapshot()
    const lr = 1e-9
    const zero = await engine.trainBatch({
      x,
      targets: oneHotTargets(y),
      count: COUNT,
      sampleWeights: new Float32Array(COUNT),
      learningRate: lr,
    })
    expect(zero.loss).toBe(0)
    await engine.restore(before)
    const one = await engine.trainBatch({
      x,
      targets: oneHotTargets(y),
      count: COUNT,
      sampleWeights: new Float32Array(COUNT).fill(1),
      learningRate: lr,
    })
    await engine.restore(before)
    const two = await engine.trainBatch({
      x,
      targets: oneHotTargets(y),
      count: COUNT,
      sampleWeights: new Float32Array(COUNT).fill(2),
      learningRate: lr,
    })
    await engine.restore(before)
    // Training-mode BN makes the forward identical for identical batches; dropout is absent in tiny-cnn.
    expect(two.loss).toBeCloseTo(2 * one.loss, 4)
  })

  it('trains on target distributions: the loss is linear in the targets', async () => {
    const before = await engine.snapshot()
    const lossFor = async (targets: Float32Array) => {
      await engine.restore(before)
      const { loss } = await engine.trainBatch({
        x,
        targets,
        count: COUNT,
        sampleWeights: null,
        learningRate: 1e-9,
      })
      return loss
    }
    const shifted = Int32Array.from(y, (label) => (label + 3) % 7)
    const a = await lossFor(oneHotTargets(y))
    const b = await lossFor(oneHotTargets(shifted))
    const mixed = oneHotTargets(y).map((v, k) => 0.3 * v + 0.7 * oneHotTargets(shifted)[k]!)
    expect(await lossFor(mixed)).toBeCloseTo(0.3 * a + 0.7 * b, 4)
    expect(Math.abs(a - b)).toBeGreaterThan(1e-3)
    await engine.restore(before)
  })

  it('predicts probabilities and evaluates the mean cross-entropy of them', async () => {
    const probs = await engine.predict(x, COUNT)
    expect(probs.length).toBe(COUNT * 7)
    for (let i = 0; i < COUNT; i++) {
      const row = Array.from(probs.subarray(i * 7, i * 7 + 7))
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4)
    }
    const { loss, probabilities } = await engine.evaluate(x, y, COUNT)
    expect(Array.from(probabilities)).toEqual(Array.from(probs))
    let expected = 0
    for (let i = 0; i < COUNT; i++) expected -= Math.log(probs[i * 7 + y[i]!]!) / COUNT
    expect(loss).toBeCloseTo(expected, 4)
  })

  it('restores a snapshot exactly, optimizer included (same next step as before)', async () => {
    const snap = await engine.snapshot()
    expect(snap.step).toBeGreaterThan(0)
    const batch = {
      x,
      targets: oneHotTargets(y),
      count: COUNT,
      sampleWeights: null,
      learningRate: 1e-3,
    } as const
    await engine.trainBatch(batch)
    const afterOne = await engine.predict(x, COUNT)
    await engine.restore(snap)
    expect((await engine.snapshot()).step).toBe(snap.step)
    await engine.trainBatch(batch)
    expect(Array.from(await engine.predict(x, COUNT))).toEqual(Array.from(afterOne))
  })

  it('saves a LayersModel that tf.loadLayersModel reads back with the same predictions', async () => {
    await engine.saveModel(dir)
    const model = await loadLayersModelFromDir(dir)
    const loaded = tf.tidy(() =>
      (model.predict(tf.tensor4d(x, [COUNT, SIZE, SIZE, 1])) as tf.Tensor).dataSync(),
    )
    const ours = await engine.predict(x, COUNT)
    loaded.forEach((v, i) => expect(v).toBeCloseTo(ours[i]!, 5))
    model.dispose()
  })

  it('rejects a batch whose arrays are too short, naming the problem', async () => {
    await expect(
      engine.trainBatch({
        x: new Float32Array(10),
        targets: oneHotTargets(y),
        count: COUNT,
        sampleWeights: null,
        learningRate: 1e-3,
      }),
    ).rejects.toThrow(/expected 16 faces x 2304 pixels/)
    await expect(
      engine.trainBatch({
        x,
        targets: new Float32Array(7),
        count: COUNT,
        sampleWeights: null,
        learningRate: 1e-3,
      }),
    ).rejects.toThrow(/target values, expected 16/)
  })
})

describe('createComputeEngine (ONNX Runtime, an engine that only predicts)', () => {
  it('neither watches for idle cores nor starts shard threads', async () => {
    let watched = false
    const engine = await createComputeEngine(
      { model: 'tiny-cnn', backend: 'onnxruntime', seed: 1, maxThreads: 2, training: false },
      {
        idleCores: () => {
          watched = true
          return Promise.resolve(64)
        },
      },
    )
    expect((engine as OnnxEngine).shards).toBe(1)
    expect(watched).toBe(false)
    await engine.dispose()
  })
})
