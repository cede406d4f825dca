import { describe, expect, it } from 'vitest'
import { z } from 'zod'

import { EstimateAnswer, estimateMethods } from './estimate'

const probe = {
  model: 'fast-cnn',
  backend: 'onnxruntime',
  threads: 2,
  inputSize: 44,
  batchSize: 64,
  facesPerSecond: 150,
  inferenceFacesPerSecond: null,
  durationMs: 3100,
  measuredAt: 1_700_000_000_000,
}
const estimate = {
  ms: 1000,
  basis: 'probe',
  from: null,
  probe,
  facesPerSecond: 150,
  epochs: 2,
  facesPerEpoch: 100,
  capped: false,
}

describe('the estimate contract', () => {
  it('answers an estimate, a probe to run, a wait for the current run, or a reason', () => {
    for (const answer of [
      { kind: 'estimate', estimate },
      { kind: 'probeNeeded' },
      { kind: 'afterCurrentRun' },
      { kind: 'unavailable', reason: 'the speed probe failed (no backend)' },
    ])
      expect(EstimateAnswer.parse(answer)).toEqual(answer)
    expect(EstimateAnswer.safeParse({ kind: 'unavailable' }).success).toBe(false)
    expect(EstimateAnswer.safeParse(null).success).toBe(false)
  })

  it('ties a probe estimate to its probe, and a run estimate to its run', () => {
    const bad = [
      { ...estimate, probe: null },
      { ...estimate, basis: 'measured' },
      { ...estimate, probe: { ...probe, facesPerSecond: 0 } },
    ]
    for (const e of bad)
      expect(EstimateAnswer.safeParse({ kind: 'estimate', estimate: e }).success).toBe(false)
  })

  it('takes the dataset and the run config, for the estimate and the probe alike', () => {
    for (const spec of Object.values(estimateMethods)) {
      expect(spec.input.safeParse({ datasetId: 1, config: {} }).success).toBe(true)
      expect(spec.input.safeParse({ config: {} }).success).toBe(false)
      expect(() => z.toJSONSchema(spec.output)).not.toThrow()
    }
  })
})
