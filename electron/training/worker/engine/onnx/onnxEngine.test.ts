import * as tf from '../../../common/tf'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildFastCnn } from '../../../common/models/fastCnn'
import type { ModelDefinition } from '../../../common/models/modelDefinition'
import { tinyCnn } from '../../../common/models/tinyCnn'
import { createLocalEngine } from '../localEngine'
import type { ComputeEngine } from '../types'

import { createOnnxEngine } from './onnxEngine'
import { oneHotTargets } from '../../data/targets'

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

// The engine contract (learning, weights, predict/evaluate, restore, saveModel, bad batches) runs
// for every engine in createComputeEngine.test.ts; these are what only the ONNX engine has.
describe('createOnnxEngine (tiny-cnn)', () => {
  let engine: ComputeEngine
  const { x, y } = makeBatch(COUNT, 3)

  beforeAll(async () => {
    await tf.setBackend('cpu')
    // One shard: BatchNorm over the whole batch, as tfjs computes it (shards normalise over their
    // own faces; shardedStep.test.ts checks them against this one-shard step).
    engine = await createOnnxEngine({ definition: tinyCnn, seed: 1, threads: 2, shards: 1 })
  })
  afterAll(async () => {
    await engine.dispose()
  })

  it('reports onnxruntime and its threads', () => {
    expect(engine.backend).toBe('onnxruntime')
    expect(engine.threads).toBe(2)
    expect(engine.inputSize).toBe(48)
  })

  it('hands its snapshot to a tfjs engine, which continues with the same step', async () => {
    const local = createLocalEngine({
      definition: tinyCnn,
      backend: { name: 'cpu', tfName: 'cpu', threads: 1, skipped: [] },
      seed: 9,
    })
    const snap = await engine.snapshot()
    await local.restore(snap)
    const batch = {
      x,
      targets: oneHotTargets(y),
      count: COUNT,
      sampleWeights: null,
      learningRate: 1e-3,
    } as const
    await local.trainBatch(batch)
    await engine.trainBatch(batch)
    const theirs = await local.snapshot()
    const ours = await engine.snapshot()
    expect(ours.step).toBe(theirs.step)
    ours.weights.forEach((w, i) => {
      const other = theirs.weights[i]!.values
      const scale = Math.max(...other.map(Math.abs), 1e-6)
      w.values.forEach((v, k) => expect(Math.abs(v - other[k]!) / scale).toBeLessThan(1e-3))
    })
    await engine.restore(snap)
    await local.dispose()
  })
})

describe('createOnnxEngine dropout', () => {
  const narrowFastCnn: ModelDefinition = {
    name: 'fast-cnn-narrow',
    description: 'fast-cnn layers at reduced width',
    inputSize: SIZE,
    build: (seed) => buildFastCnn(seed, [4, 4, 8, 8, 8, 8]),
  }

  it('draws its masks from the seed: same seed, same steps; another seed, other masks', async () => {
    await tf.setBackend('cpu')
    const { x, y } = makeBatch(COUNT, 5)
    const losses = async (seed: number, maskSeed: number) => {
      const engine = await createOnnxEngine({
        definition: { ...narrowFastCnn, build: () => narrowFastCnn.build(seed) },
        seed: maskSeed,
        threads: 1,
      })
      const out: number[] = []
      for (let i = 0; i < 3; i++) {
        const r = await engine.trainBatch({
          x,
          targets: oneHotTargets(y),
          count: COUNT,
          sampleWeights: null,
          learningRate: 1e-3,
        })
        out.push(r.loss)
      }
      await engine.dispose()
      return out
    }
    const first = await losses(1, 1)
    expect(await losses(1, 1)).toEqual(first)
    expect(await losses(1, 2)).not.toEqual(first)
  })
})
