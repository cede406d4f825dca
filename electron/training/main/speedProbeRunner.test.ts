import { describe, expect, it } from 'vitest'

import { TrainingConfig } from '../../../shared/domain/training'
import { createSpeedProbeRunner } from './speedProbeRunner'
import { createWorkerThreadHost } from './workerThreadHost'

const config = TrainingConfig.parse({ model: 'tiny-cnn', backend: 'cpu', batchSize: 8 })

describe('speed probe runner', () => {
  it('stops a probe in progress when asked (a run is starting), and the next one still runs', async () => {
    const runner = createSpeedProbeRunner({
      createHost: () => createWorkerThreadHost(),
      log: () => {},
      maxThreads: 1,
    })
    const started = performance.now()
    const long = runner.probe({ config, budgetMs: 60_000 })
    setTimeout(() => runner.stop(), 300)
    await expect(long).rejects.toMatchObject({
      code: 'CANCELLED',
      message: 'the speed probe made way for a run',
    })
    expect(performance.now() - started).toBeLessThan(10_000)
    const short = await runner.probe({ config, budgetMs: 100 })
    expect(short).toMatchObject({ backend: 'cpu', threads: 1 })
    expect(short.facesPerSecond).toBeGreaterThan(0)
  }, 60_000)

  it('gives up on a probe that takes too long', async () => {
    const runner = createSpeedProbeRunner({
      createHost: () => createWorkerThreadHost(),
      log: () => {},
      maxThreads: 1,
      timeoutMs: 200,
    })
    await expect(runner.probe({ config, budgetMs: 60_000 })).rejects.toMatchObject({
      code: 'INTERNAL',
      message: 'the speed probe took too long',
    })
  }, 30_000)
})
