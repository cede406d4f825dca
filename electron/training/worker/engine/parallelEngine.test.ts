import { Worker } from 'node:worker_threads'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createComputeEngine } from './createComputeEngine'
import { splitRanges } from './parallelEngine'
import type { ComputeEngine } from './types'
import { oneHotTargets } from '../data/targets'

const SIZE = 48
const COUNT = 14

/** Faces whose class is a bright stripe at row 6 * label, on faint noise. */
function makeBatch(count: number): { x: Float32Array; y: Int32Array } {
  const x = new Float32Array(count * SIZE * SIZE)
  const y = new Int32Array(count)
  for (let i = 0; i < count; i++) {
    y[i] = i % 7
    for (let p = 0; p < SIZE * SIZE; p++)
      x[i * SIZE * SIZE + p] = ((i * 7919 + p * 104729) % 97) / 500
    for (let r = y[i]! * 6; r < y[i]! * 6 + 4; r++) {
      x.fill(1, i * SIZE * SIZE + r * SIZE, i * SIZE * SIZE + (r + 1) * SIZE)
    }
  }
  return { x, y }
}

/** The same faces with the two halves swapped, so each face lands on the other replica. */
function swapHalves(x: Float32Array, count: number): Float32Array {
  const half = Math.ceil(count / 2) * SIZE * SIZE
  const out = new Float32Array(x.length)
  out.set(x.subarray(half), 0)
  out.set(x.subarray(0, half), x.length - half)
  return out
}

describe('splitRanges', () => {
  it('covers every face once, sizes differing by at most one', () => {
    expect(splitRanges(7, 2)).toEqual([
      [0, 4],
      [4, 7],
    ])
    expect(splitRanges(1, 2)).toEqual([
      [0, 1],
      [1, 1],
    ])
    expect(splitRanges(64, 3)).toEqual([
      [0, 22],
      [22, 43],
      [43, 64],
    ])
  })
})

describe('data-parallel engine (tiny-cnn on two wasm replica threads)', () => {
  let engine: ComputeEngine
  const { x, y } = makeBatch(COUNT)

  beforeAll(async () => {
    engine = await createComputeEngine({
      model: 'tiny-cnn',
      backend: 'wasm',
      seed: 3,
      maxThreads: 2,
    })
  })
  afterAll(() => engine.dispose())

  it('runs on two threads', () => {
    expect(engine).toMatchObject({ backend: 'wasm', threads: 2, inputSize: 48 })
  })

  it('learns, keeps the replicas identical and the tensor count flat over several epochs', async () => {
    const batch = {
      x,
      targets: oneHotTargets(y),
      count: COUNT,
      sampleWeights: null,
      learningRate: 1e-2,
    }
    const first = await engine.trainBatch(batch)
    const baseline = await engine.tensorCount()
    let last = first
    for (let epoch = 0; epoch < 4; epoch++) {
      for (let step = 0; step < 8; step++) last = await engine.trainBatch(batch)
      await engine.evaluate(x, y, COUNT)
      expect(await engine.tensorCount()).toBe(baseline)
    }
    expect(last.loss).toBeLessThan(first.loss * 0.5)
    // Each face is predicted by the other replica the second time: equal only if weights and
    // moving statistics are identical on both.
    const direct = await engine.predict(x, COUNT)
    const swapped = await engine.predict(swapHalves(x, COUNT), COUNT)
    const half = Math.ceil(COUNT / 2) * 7
    expect(Array.from(swapped)).toEqual([...direct.subarray(half), ...direct.subarray(0, half)])
  })

  it('restores a snapshot on every replica', async () => {
    const snap = await engine.snapshot()
    const before = await engine.predict(x, COUNT)
    await engine.trainBatch({
      x,
      targets: oneHotTargets(y),
      count: COUNT,
      sampleWeights: null,
      learningRate: 1e-2,
    })
    expect(Array.from(await engine.predict(x, COUNT))).not.toEqual(Array.from(before))
    await engine.restore(snap)
    expect(Array.from(await engine.predict(x, COUNT))).toEqual(Array.from(before))
    const swapped = await engine.predict(swapHalves(x, COUNT), COUNT)
    const half = Math.ceil(COUNT / 2) * 7
    expect(Array.from(swapped)).toEqual([...before.subarray(half), ...before.subarray(0, half)])
  })

  it('weights the loss over the whole batch, not per replica', async () => {
    const snap = await engine.snapshot()
    const weights = new Float32Array(COUNT).fill(1)
    const plain = await engine.trainBatch({
      x,
      targets: oneHotTargets(y),
      count: COUNT,
      sampleWeights: weights,
      learningRate: 1e-9,
    })
    await engine.restore(snap)
    // Zero weight on the second replica's faces: the loss halves (about), it is not re-averaged.
    weights.fill(0, Math.ceil(COUNT / 2))
    const half = await engine.trainBatch({
      x,
      targets: oneHotTargets(y),
      count: COUNT,
      sampleWeights: weights,
      learningRate: 1e-9,
    })
    await engine.restore(snap)
    expect(half.loss).toBeLessThan(plain.loss * 0.8)
    expect(half.loss).toBeGreaterThan(plain.loss * 0.2)
  })
})

describe('createComputeEngine when replica threads cannot start', () => {
  it('falls back to one thread and says why', async () => {
    const warnings: string[] = []
    const engine = await createComputeEngine(
      { model: 'tiny-cnn', backend: 'wasm', seed: 1, maxThreads: 2 },
      {
        spawnReplica: () => new Worker('throw new Error("no replica here")', { eval: true }),
        warn: (m) => warnings.push(m),
      },
    )
    expect(engine.threads).toBe(1)
    expect(warnings.join()).toMatch(/no replica here/)
    await engine.dispose()
  })
})
