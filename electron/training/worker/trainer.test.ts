import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { TrainingCallback } from './callbacks/callback'
import { createCheckpoint } from './callbacks/checkpoint'
import { readCheckpointFile } from './callbacks/checkpointFile'
import { sameWeights } from './callbacks/engine.testUtil'
import { createRunControl } from './callbacks/runControl'
import { createComputeEngine } from './engine/createComputeEngine'
import { optimizerSettings, type OptimizerSettings } from './engine/optimizerSettings'
import type { ComputeEngine } from './engine/types'
import { train } from './trainer'
import { createTrainingData } from './trainerData'
import { syntheticSnapshot, testConfig } from '../main/trainerFixtures.testUtil'

/** Records every hook call as a short string. */
function recorder(): TrainingCallback & { calls: string[] } {
  const calls: string[] = []
  return {
    name: 'recorder',
    calls,
    onTrainBegin: () => void calls.push('trainBegin'),
    onEpochBegin: (epoch) => void calls.push(`epochBegin ${epoch}`),
    onBatchEnd: (logs) => void calls.push(`batchEnd ${logs.epoch}.${logs.batch} step ${logs.step}`),
    onEpochEnd: ({ logs }) => void calls.push(`epochEnd ${logs.epoch}`),
    onTrainEnd: () => void calls.push('trainEnd'),
  }
}

const snapshot = syntheticSnapshot({ train: 2, validation: 1 }) // 14 train, 7 validation faces
let dir: string

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'fer-trainer-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// The loop must not care which engine computes: the same hooks, cancel, pause and resume on each.
describe.each(['wasm', 'onnxruntime'] as const)('train on %s', (backend) => {
  const newEngine = (seed = 11) => newEngineWith(seed)
  const newEngineWith = (seed: number, optimizer?: OptimizerSettings) =>
    createComputeEngine({
      model: 'tiny-cnn',
      backend,
      seed,
      maxThreads: 1,
      ...(optimizer ? { optimizer } : {}),
    })

  it('calls the hooks in Keras order over a 2-epoch run, with complete logs', async () => {
    const engine = await newEngine()
    const config = testConfig({ epochs: 2, batchSize: 8 })
    const rec = recorder()
    const epochs: Parameters<NonNullable<TrainingCallback['onEpochEnd']>>[0][] = []
    const result = await train({
      engine,
      data: createTrainingData(snapshot, config),
      config,
      callbacks: [rec, { name: 'epochs', onEpochEnd: (r) => void epochs.push(r) }],
    })
    await engine.dispose()
    expect(rec.calls).toEqual([
      'trainBegin',
      'epochBegin 1',
      'batchEnd 1.1 step 1',
      'batchEnd 1.2 step 2',
      'epochEnd 1',
      'epochBegin 2',
      'batchEnd 2.1 step 3',
      'batchEnd 2.2 step 4',
      'epochEnd 2',
      'trainEnd',
    ])
    expect(result).toMatchObject({ epochsDone: 2, step: 4, stopReason: null })
    const last = epochs[1]!
    expect(last.logs).toMatchObject({ epoch: 2, learningRate: 0.01, etaMs: 0 })
    expect(last.logs.valAccuracy).toBeGreaterThanOrEqual(0)
    expect(last.logs.valLoss).toBeGreaterThan(0)
    expect(last.logs.facesPerSecond).toBeGreaterThan(0)
    expect(last.logs.elapsedMs).toBeGreaterThan(epochs[0]!.logs.elapsedMs)
    expect(last.confusion!.flat().reduce((a, b) => a + b, 0)).toBe(7)
  })

  it('stops within one batch of a cancel and does not report the unfinished epoch', async () => {
    const engine = await newEngine()
    const config = testConfig({ epochs: 3, batchSize: 4 }) // 4 batches per epoch
    const control = createRunControl({ now: () => performance.now() })
    let calls = 0
    // The cancel arrives while the 6th step computes, as a message from main would.
    const counting: ComputeEngine = Object.assign(Object.create(engine) as ComputeEngine, {
      trainBatch: (batch: Parameters<ComputeEngine['trainBatch']>[0]) => {
        if (++calls === 6) control.cancel()
        return engine.trainBatch(batch)
      },
    })
    const rec = recorder()
    const result = await train({
      engine: counting,
      data: createTrainingData(snapshot, config),
      config,
      callbacks: [control.callback, rec],
    })
    await engine.dispose()
    expect(calls).toBe(6)
    expect(result).toMatchObject({ epochsDone: 1, stopReason: 'cancelled' })
    expect(rec.calls.filter((c) => c.startsWith('epochEnd'))).toEqual(['epochEnd 1'])
    expect(rec.calls.at(-1)).toBe('trainEnd')
  })

  it('keeps the tensor count flat across epochs', async () => {
    const engine = await newEngine()
    const config = testConfig({ epochs: 5, batchSize: 8, augment: {} })
    const counts: number[] = []
    await train({
      engine,
      data: createTrainingData(snapshot, config),
      config,
      callbacks: [
        { name: 'memory', onEpochEnd: async () => void counts.push(await engine.tensorCount()) },
      ],
    })
    await engine.dispose()
    expect(counts).toHaveLength(5)
    expect(new Set(counts).size).toBe(1)
  })

  it.each(['adam', 'adamw', 'sgd'] as const)(
    'continues exactly from a checkpoint with %s: same weights as an uninterrupted run',
    async (kind) => {
      const config = testConfig({
        epochs: 3,
        batchSize: 8,
        augment: {},
        balance: { oversampleTo: 'max', classWeights: 'balanced' },
        labelSmoothing: 0.1,
        optimizer: { kind },
      })
      const data = createTrainingData(snapshot, config)
      const optimizer = optimizerSettings(config.optimizer)
      const newEngine = (seed = 11) => newEngineWith(seed, optimizer)

      const whole = await newEngine()
      await train({ engine: whole, data, config, callbacks: [] })
      const expected = await whole.snapshot()
      await whole.dispose()

      // First session: stops (as if killed) during epoch 2, after epoch 1's checkpoint.
      const file = path.join(dir, 'resume.ckpt')
      const first = await newEngine()
      const control = createRunControl({ now: () => performance.now() })
      await train({
        engine: first,
        data,
        config,
        callbacks: [
          control.callback,
          createCheckpoint({ file }),
          { name: 'killer', onBatchEnd: (logs) => void (logs.epoch === 2 && control.cancel()) },
        ],
      })
      await first.dispose()
      const checkpoint = await readCheckpointFile(file)
      expect(checkpoint.epochsDone).toBe(1)

      const second = await newEngine(12345) // different init: everything must come from the checkpoint
      const rec = recorder()
      const result = await train({
        engine: second,
        data,
        config,
        callbacks: [rec],
        resume: checkpoint,
      })
      const resumed = await second.snapshot()
      await second.dispose()
      expect(rec.calls[1]).toBe('epochBegin 2')
      expect(rec.calls[2]).toBe(`batchEnd 2.1 step ${data.batchesPerEpoch + 1}`)
      expect(result.epochsDone).toBe(3)
      // The optimizer state (Adam's moments, SGD's momentum) came back from the checkpoint too.
      expect(checkpoint.snapshot.optimizer[0]!.name).toBe(kind === 'sgd' ? 'momentum/0' : 'm/0')
      expect(sameWeights(resumed, expected)).toBe(true)
    },
  )
})
