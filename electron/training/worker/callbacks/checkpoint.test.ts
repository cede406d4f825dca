import { writeFileSync } from 'node:fs'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

import { createComputeEngine } from '../engine/createComputeEngine'

import { createCheckpoint } from './checkpoint'
import { readCheckpointFile, readCheckpointPosition } from './checkpointFile'
import { epochLogs, testContext } from './context.testUtil'
import { useEngineFixture } from './engineFixture.testUtil'
import { sameWeights, stepOnce } from './engine.testUtil'
import { createLrSchedule } from './lrSchedule'

describe('checkpoint', () => {
  const fx = useEngineFixture(6, 'fer-ckpt-')

  it('saves weights, optimizer state, position, rate and callback states after each epoch', async () => {
    const file = path.join(fx.dir, 'checkpoint.ckpt')
    const schedule = createLrSchedule({
      schedule: { kind: 'plateau', factor: 0.5, patience: 2, minLr: 0 },
      baseLr: 0.01,
      epochs: 5,
    })
    const ctx = testContext(fx.engine, {
      callbacks: [schedule],
      batchesPerEpoch: 3,
      learningRate: 0.005,
    })
    await stepOnce(fx.engine)
    await schedule.onEpochEnd?.({ logs: epochLogs(2, 0.5, 0.7), confusion: null }, ctx)
    await createCheckpoint({ file }).onEpochEnd?.(
      { logs: epochLogs(2, 0.5, 0.7), confusion: null },
      ctx,
    )

    const saved = await readCheckpointFile(file)
    expect(saved).toMatchObject({ epochsDone: 2, step: 6, elapsedMs: 2000, learningRate: 0.005 })
    expect(saved.callbacks).toEqual({ lrSchedule: { best: 0.7, wait: 0 } })
    const now = await fx.engine.snapshot()
    expect(sameWeights(saved.snapshot, now)).toBe(true)
    expect(saved.snapshot.step).toBe(now.step)
    expect(saved.snapshot.optimizer.map((o) => o.values.length)).toEqual(
      now.optimizer.map((o) => o.values.length),
    )
    expect(await readCheckpointPosition(file)).toEqual({ epochsDone: 2, step: 6, elapsedMs: 2000 })

    // A fresh engine restored from the file predicts exactly as the original.
    const other = await createComputeEngine({
      model: 'tiny-cnn',
      backend: 'wasm',
      seed: 99,
      maxThreads: 1,
    })
    await other.restore(saved.snapshot)
    const x = new Float32Array(48 * 48).fill(0.5)
    expect(Array.from(await other.predict(x, 1))).toEqual(Array.from(await fx.engine.predict(x, 1)))
    await other.dispose()
  })

  it('refuses a file that is not a checkpoint', async () => {
    const file = path.join(fx.dir, 'junk.ckpt')
    writeFileSync(file, 'hello world, not a checkpoint')
    await expect(readCheckpointFile(file)).rejects.toThrow(/not a FER Studio checkpoint/)
  })
})
