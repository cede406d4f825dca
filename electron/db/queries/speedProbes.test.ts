import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { SpeedProbe } from '../../../shared/domain/speedProbe'
import { createTempStore, type TempStore } from '../../importers/storeFixtures.testUtil'
import { findSpeedProbe, putSpeedProbe } from './speedProbes'

let store: TempStore
beforeEach(() => (store = createTempStore()))
afterEach(() => store.cleanup())

const key = { model: 'fast-cnn', requestedBackend: 'auto', threads: 2, inputSize: 44 }
const probe: SpeedProbe = {
  model: 'fast-cnn',
  backend: 'onnxruntime',
  threads: 2,
  inputSize: 44,
  batchSize: 64,
  facesPerSecond: 140,
  inferenceFacesPerSecond: null,
  durationMs: 3300,
  measuredAt: 1000,
}

describe('speed probes', () => {
  it('keeps one probe per model, backend asked for, threads and input size; newer replaces', () => {
    expect(findSpeedProbe(store.db, key)).toBeNull()
    putSpeedProbe(store.db, key, probe)
    putSpeedProbe(store.db, { ...key, inputSize: 48 }, { ...probe, inputSize: 48 })
    expect(findSpeedProbe(store.db, key)).toEqual(probe)
    const newer = { ...probe, facesPerSecond: 150, inferenceFacesPerSecond: 800, measuredAt: 2000 }
    putSpeedProbe(store.db, key, newer)
    expect(findSpeedProbe(store.db, key)).toEqual(newer)
    expect(findSpeedProbe(store.db, { ...key, inputSize: 48 })?.inputSize).toBe(48)
    expect(findSpeedProbe(store.db, { ...key, requestedBackend: 'wasm' })).toBeNull()
    expect(findSpeedProbe(store.db, { ...key, threads: 1 })).toBeNull()
  })
})
