import { existsSync } from 'node:fs'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

import { createBestModel } from './bestModel'
import { readCheckpointFile } from './checkpointFile'
import { epochLogs, testContext } from './context.testUtil'
import { useEngineFixture } from './engineFixture.testUtil'
import { sameWeights, stepOnce } from './engine.testUtil'

describe('bestModel', () => {
  const fx = useEngineFixture(4, 'fer-best-')

  it('keeps the best epoch on disk and puts its weights back at the end', async () => {
    const files = { modelDir: path.join(fx.dir, 'model'), bestFile: path.join(fx.dir, 'best.ckpt') }
    const cb = createBestModel(files)
    const ctx = testContext(fx.engine)
    await cb.onEpochEnd?.({ logs: epochLogs(1, 0.3), confusion: null }, ctx)
    expect(existsSync(path.join(files.modelDir, 'model.json'))).toBe(true)
    await stepOnce(fx.engine)
    await cb.onEpochEnd?.({ logs: epochLogs(2, 0.5), confusion: null }, ctx)
    const best = await fx.engine.snapshot()
    await stepOnce(fx.engine)
    await cb.onEpochEnd?.({ logs: epochLogs(3, 0.4), confusion: null }, ctx)
    expect(cb.bestEpoch).toBe(2)
    expect((await readCheckpointFile(files.bestFile)).epochsDone).toBe(2)
    expect(sameWeights(await fx.engine.snapshot(), best)).toBe(false)
    await cb.onTrainEnd?.(ctx)
    expect(sameWeights(await fx.engine.snapshot(), best)).toBe(true)
  })

  it('does nothing at the end when no epoch finished', async () => {
    const cb = createBestModel({
      modelDir: path.join(fx.dir, 'model'),
      bestFile: path.join(fx.dir, 'best.ckpt'),
    })
    await cb.onTrainEnd?.(testContext(fx.engine))
    expect(cb.bestEpoch).toBeNull()
    expect(existsSync(path.join(fx.dir, 'best.ckpt'))).toBe(false)
  })
})
