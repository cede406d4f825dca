import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { createComputeEngine } from '../engine/createComputeEngine'
import type { ComputeEngine } from '../engine/types'

import { createBestModel } from './bestModel'
import { readCheckpointFile } from './checkpointFile'
import { epochLogs, testContext } from './context.testUtil'
import { sameWeights, stepOnce } from './engine.testUtil'

describe('bestModel', () => {
  let engine: ComputeEngine
  let dir: string
  beforeEach(async () => {
    engine = await createComputeEngine({
      model: 'tiny-cnn',
      backend: 'wasm',
      seed: 4,
      maxThreads: 1,
    })
    dir = mkdtempSync(path.join(tmpdir(), 'fer-best-'))
  })
  afterEach(async () => {
    await engine.dispose()
    rmSync(dir, { recursive: true, force: true })
  })

  it('keeps the best epoch on disk and puts its weights back at the end', async () => {
    const files = { modelDir: path.join(dir, 'model'), bestFile: path.join(dir, 'best.ckpt') }
    const cb = createBestModel(files)
    const ctx = testContext(engine)
    await cb.onEpochEnd?.({ logs: epochLogs(1, 0.3), confusion: null }, ctx)
    expect(existsSync(path.join(files.modelDir, 'model.json'))).toBe(true)
    await stepOnce(engine)
    await cb.onEpochEnd?.({ logs: epochLogs(2, 0.5), confusion: null }, ctx)
    const best = await engine.snapshot()
    await stepOnce(engine)
    await cb.onEpochEnd?.({ logs: epochLogs(3, 0.4), confusion: null }, ctx)
    expect(cb.bestEpoch).toBe(2)
    expect((await readCheckpointFile(files.bestFile)).epochsDone).toBe(2)
    expect(sameWeights(await engine.snapshot(), best)).toBe(false)
    await cb.onTrainEnd?.(ctx)
    expect(sameWeights(await engine.snapshot(), best)).toBe(true)
  })

  it('does nothing at the end when no epoch finished', async () => {
    const cb = createBestModel({
      modelDir: path.join(dir, 'model'),
      bestFile: path.join(dir, 'best.ckpt'),
    })
    await cb.onTrainEnd?.(testContext(engine))
    expect(cb.bestEpoch).toBeNull()
    expect(existsSync(path.join(dir, 'best.ckpt'))).toBe(false)
  })
})
