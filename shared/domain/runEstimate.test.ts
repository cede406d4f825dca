import { describe, expect, it } from 'vitest'

import type { RunId } from './ids'
import { estimateRun, facesPerEpoch, hasOwnSample } from './runEstimate'
import type { ThroughputSample } from './runEstimate'
import type { SpeedProbe } from './speedProbe'

const sample = (over: Partial<ThroughputSample>): ThroughputSample => ({
  runId: 1 as RunId,
  runName: 'run',
  model: 'fast-cnn',
  backend: 'onnxruntime',
  facesPerSecond: 1000,
  overhead: 1.2,
  ...over,
})
const FLOPS = { 'fast-cnn': 2e6, 'tiny-cnn': 1e6, 'seed-cnn': 8e6, 'huge-cnn': 2e8 }

describe('estimateRun', () => {
  it('uses the newest run of the same model: epochs x faces / speed x its overhead', () => {
    const estimate = estimateRun({
      model: 'fast-cnn',
      backend: 'auto',
      epochs: 10,
      facesPerEpoch: 28_709,
      timeBudgetMs: null,
      flops: FLOPS,
      samples: [sample({ model: 'tiny-cnn', runId: 3 as RunId }), sample({ runId: 2 as RunId })],
    })
    expect(estimate?.basis).toBe('measured')
    expect(estimate?.from?.runId).toBe(2)
    expect(estimate?.ms).toBeCloseTo(10 * 28.709 * 1000 * 1.2, 3)
  })

  it('prefers a run on the backend asked for', () => {
    const estimate = estimateRun({
      model: 'fast-cnn',
      backend: 'wasm',
      epochs: 1,
      facesPerEpoch: 1000,
      timeBudgetMs: null,
      flops: FLOPS,
      samples: [sample({ runId: 5 as RunId }), sample({ runId: 4 as RunId, backend: 'wasm' })],
    })
    expect(estimate?.from?.runId).toBe(4)
  })

  it('scales another model by FLOPs when this one never ran, and says so; a budget caps it', () => {
    const input = {
      model: 'seed-cnn',
      backend: 'auto',
      epochs: 2,
      facesPerEpoch: 4000,
      timeBudgetMs: null,
      flops: FLOPS,
      samples: [sample({ model: 'tiny-cnn', facesPerSecond: 4000, overhead: 1 })],
    }
    const estimate = estimateRun(input)
    expect(estimate?.basis).toBe('flops')
    expect(estimate?.facesPerSecond).toBeCloseTo(500)
    expect(estimate?.ms).toBeCloseTo(16_000)
    expect(estimateRun({ ...input, timeBudgetMs: 10_000 })).toMatchObject({
      ms: 10_000,
      capped: true,
    })
    expect(estimateRun({ ...input, samples: [] })).toBeNull()
    // 200x the FLOPs of the only measured model: its speed says nothing about this one.
    expect(estimateRun({ ...input, model: 'huge-cnn' })).toBeNull()
  })

  it("rests on this model's speed probe before FLOPs scaling, after a run of it on that backend", () => {
    const probe: SpeedProbe = {
      model: 'seed-cnn',
      backend: 'onnxruntime',
      threads: 2,
      inputSize: 44,
      batchSize: 64,
      facesPerSecond: 100,
      inferenceFacesPerSecond: 500,
      durationMs: 3400,
      measuredAt: 0,
    }
    const input = {
      model: 'seed-cnn',
      backend: 'auto',
      epochs: 2,
      facesPerEpoch: 4000,
      validationFaces: 1000,
      timeBudgetMs: null,
      flops: FLOPS,
      samples: [sample({ model: 'fast-cnn', facesPerSecond: 4000, overhead: 1 })],
      probe,
    }
    const estimate = estimateRun(input)
    expect(estimate).toMatchObject({ basis: 'probe', from: null, probe, facesPerSecond: 100 })
    // 2 epochs x (4000 train faces at 100/s + 1000 validation faces at 500/s).
    expect(estimate?.ms).toBeCloseTo(2 * (40_000 + 2000))
    const run = sample({ model: 'seed-cnn', runId: 9 as RunId, facesPerSecond: 80, overhead: 1 })
    expect(estimateRun({ ...input, samples: [run] })).toMatchObject({ basis: 'measured' })
    expect(hasOwnSample([run], 'seed-cnn', 'auto')).toBe(true)
    // A run on another backend than the one asked for gives way to the probe.
    expect(estimateRun({ ...input, backend: 'wasm', samples: [run] })?.basis).toBe('probe')
    expect(hasOwnSample([run], 'seed-cnn', 'wasm')).toBe(false)
  })
})

describe('facesPerEpoch', () => {
  const config = { holdoutFraction: 0.1, maxTrainFaces: null, balance: { oversampleTo: null } }
  it('counts train faces, less the holdout without validation, capped, then oversampled', () => {
    const counts = [100, 10, 0, 300, 100, 50, 40]
    expect(facesPerEpoch(counts, true, config)).toBe(600)
    expect(facesPerEpoch(counts, false, config)).toBe(540)
    expect(facesPerEpoch(counts, true, { ...config, maxTrainFaces: 300 })).toBe(300)
    expect(facesPerEpoch(counts, true, { ...config, balance: { oversampleTo: 'max' } })).toBe(1800)
    expect(facesPerEpoch(counts, true, { ...config, balance: { oversampleTo: 60 } })).toBe(
      100 + 60 + 300 + 100 + 60 + 60,
    )
  })
})
