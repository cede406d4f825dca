import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { CallContext } from '../../shared/contract'
import type { DatasetId } from '../../shared/domain/ids'
import { TrainingConfig } from '../../shared/domain/training'
import { openDatabase } from '../db/openDatabase'
import { findSpeedProbe } from '../db/queries/speedProbes'
import { importDataset } from '../importers/importDataset'
import { createTempStore, testFace, writeFer2013Csv } from '../importers/storeFixtures.testUtil'
import type { TempStore } from '../importers/storeFixtures.testUtil'
import { createSpeedProbeRunner } from '../training/main/speedProbeRunner'
import { createWorkerThreadHost } from '../training/main/workerThreadHost'
import { createEstimateHandlers, type EstimateDeps } from './estimateService'

const ctx: CallContext = { origin: 'test', log: () => {} }
let store: TempStore
let datasetId: DatasetId

/** 28 train and 14 validation faces. */
beforeEach(async () => {
  store = createTempStore()
  const file = writeFer2013Csv(
    path.join(store.dir, 'fer.csv'),
    Array.from({ length: 42 }, (_, i) => ({
      label: i % 7,
      pixels: testFace(i + 1),
      usage: i < 28 ? 'Training' : 'PublicTest',
    })),
  )
  datasetId = (
    await importDataset({ db: store.db, dataDir: store.dir }, { path: file, name: 'fer' })
  ).datasetId
})
afterEach(() => store.cleanup())

const config = TrainingConfig.parse({
  model: 'tiny-cnn',
  backend: 'cpu',
  epochs: 5,
  batchSize: 16,
  crop: null,
})

function handlers(over: Partial<EstimateDeps> = {}) {
  const runner = createSpeedProbeRunner({
    createHost: () => createWorkerThreadHost(),
    log: () => {},
    maxThreads: 1,
  })
  let probes = 0
  const made = createEstimateHandlers({
    db: store.db,
    isTraining: () => false,
    probe: (request) => {
      probes += 1
      return runner.probe(request)
    },
    maxThreads: 1,
    probeBudgetMs: 200,
    ...over,
  })
  return { ...made, probes: () => probes }
}

describe('training.probeSpeed', () => {
  it('measures a real tiny-cnn probe in a worker, stores it, and the next estimate is instant', async () => {
    const first = handlers()
    expect(await first['training.estimate']({ datasetId, config }, ctx)).toEqual({
      kind: 'probeNeeded',
    })
    const answer = await first['training.probeSpeed']({ datasetId, config }, ctx)
    if (answer.kind !== 'estimate') throw new Error(JSON.stringify(answer))
    const { estimate } = answer
    expect(estimate.basis).toBe('probe')
    expect(estimate.probe).toMatchObject({
      model: 'tiny-cnn',
      backend: 'cpu',
      threads: 1,
      inputSize: 48,
      batchSize: 16,
    })
    const probe = estimate.probe!
    expect(probe.facesPerSecond).toBeGreaterThan(0)
    expect(probe.inferenceFacesPerSecond).toBeGreaterThan(0)
    // 5 epochs x (28 train faces at the probe's training speed + 14 at its inference speed).
    const epochMs = (28 / probe.facesPerSecond + 14 / probe.inferenceFacesPerSecond!) * 1000
    expect(estimate.ms).toBeCloseTo(5 * epochMs)

    // Stored in the database file: a new connection and fresh handlers answer without probing.
    const reopened = openDatabase(path.join(store.dir, 'studio.db'))
    try {
      const again = handlers({
        db: reopened,
        probe: () => Promise.reject(new Error('probed twice')),
      })
      const next = await again['training.estimate']({ datasetId, config }, ctx)
      expect(next).toEqual({ kind: 'estimate', estimate })
    } finally {
      reopened.close()
    }
    expect(
      findSpeedProbe(store.db, {
        model: 'tiny-cnn',
        requestedBackend: 'cpu',
        threads: 1,
        inputSize: 48,
      }),
    ).toEqual(probe)
  }, 60_000)

  it('never probes while a run trains, and a failed probe is a reason, not an error', async () => {
    const busy = handlers({ isTraining: () => true })
    expect(await busy['training.probeSpeed']({ datasetId, config }, ctx)).toEqual({
      kind: 'afterCurrentRun',
    })
    expect(busy.probes()).toBe(0)

    const failing = handlers({ probe: () => Promise.reject(new Error('onnxruntime did not load')) })
    const failed = await failing['training.probeSpeed']({ datasetId, config }, ctx)
    expect(failed).toEqual({
      kind: 'unavailable',
      reason: 'the speed probe failed (onnxruntime did not load)',
    })
    // Not retried on every change of the settings: the estimate says why at once.
    expect(await failing['training.estimate']({ datasetId, config }, ctx)).toEqual(failed)
  })

  it('waits for a run that started while its probe ran, without calling the probe failed', async () => {
    let training = false
    const stopped = handlers({
      isTraining: () => training,
      probe: async () => {
        training = true
        throw new Error('the speed probe made way for a run')
      },
    })
    expect(await stopped['training.probeSpeed']({ datasetId, config }, ctx)).toEqual({
      kind: 'afterCurrentRun',
    })
    training = false
    expect(await stopped['training.estimate']({ datasetId, config }, ctx)).toEqual({
      kind: 'probeNeeded',
    })
  })

  it('reports a preset the worker cannot build as unavailable', async () => {
    const bad = TrainingConfig.parse({ ...config, model: 'no-such-cnn' })
    const answer = await handlers()['training.probeSpeed']({ datasetId, config: bad }, ctx)
    expect(answer.kind).toBe('unavailable')
    if (answer.kind === 'unavailable') expect(answer.reason).toMatch(/no-such-cnn/)
  }, 60_000)
})
