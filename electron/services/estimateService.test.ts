import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { CallContext } from '../../shared/contract'
import type { DatasetId } from '../../shared/domain/ids'
import { TrainingConfig } from '../../shared/domain/training'
import { putRunBatch } from '../db/queries/runBatches'
import { putRunEpoch } from '../db/queries/runEpochs'
import { throughputSamples } from '../db/queries/runThroughput'
import { importDataset } from '../importers/importDataset'
import { createTempStore, testFace, writeFer2013Csv } from '../importers/storeFixtures.testUtil'
import type { TempStore } from '../importers/storeFixtures.testUtil'
import { createEstimateHandlers } from './estimateService'

const ctx: CallContext = { origin: 'test', log: () => {} }
let store: TempStore
let datasetId: DatasetId

/** 35 train and 14 validation faces. */
beforeEach(async () => {
  store = createTempStore()
  const file = writeFer2013Csv(
    path.join(store.dir, 'fer.csv'),
    Array.from({ length: 49 }, (_, i) => ({
      label: i % 7,
      pixels: testFace(i + 1),
      usage: i < 35 ? 'Training' : 'PublicTest',
    })),
  )
  datasetId = (
    await importDataset({ db: store.db, dataDir: store.dir }, { path: file, name: 'fer' })
  ).datasetId
})
afterEach(() => store.cleanup())

/** A finished run of `model` that trained 640 faces an epoch at `speed`, each epoch taking 1.5x. */
function addRun(id: number, model: string, speed: number): void {
  const config = TrainingConfig.parse({ model, batchSize: 64 })
  store.db
    .prepare(
      "INSERT INTO runs (id, dataset_id, name, status, config, created_at, backend) VALUES (?, ?, ?, 'completed', ?, 0, 'onnxruntime')",
    )
    .run(id, datasetId, `${model} #${id}`, JSON.stringify(config))
  const epochMs = (640 / speed) * 1000 * 1.5
  for (const epoch of [1, 2, 3]) {
    const logs = {
      epoch,
      loss: 1,
      accuracy: 0.5,
      valLoss: null,
      valAccuracy: null,
      valMacroF1: null,
      learningRate: 0.001,
      elapsedMs: epoch * epochMs,
      etaMs: null,
      facesPerSecond: speed,
    }
    putRunEpoch(store.db, id, { logs, confusion: null })
  }
  putRunBatch(store.db, id, {
    epoch: 1,
    batch: 1,
    batchesPerEpoch: 10,
    step: 1,
    loss: 1,
    accuracy: 0.5,
    elapsedMs: 10,
    etaMs: null,
    facesPerSecond: speed,
  })
}

/** Handlers whose probes must not run (a run's samples or a stored probe answer instead). */
const noProbe = (db = store.db) =>
  createEstimateHandlers({
    db,
    isTraining: () => false,
    probe: () => Promise.reject(new Error('no probe expected')),
    maxThreads: 1,
  })

describe('training.estimate', () => {
  it('asks for a speed probe before any run of this model finished an epoch here', async () => {
    const { 'training.estimate': estimate } = noProbe()
    const config = TrainingConfig.parse({ model: 'fast-cnn', epochs: 4 })
    expect(await estimate({ datasetId, config }, ctx)).toEqual({ kind: 'probeNeeded' })
  })

  it("estimates from the same model's measured speed and epoch overhead", async () => {
    addRun(1, 'tiny-cnn', 2000)
    addRun(2, 'fast-cnn', 500)
    expect(throughputSamples(store.db).map((s) => [s.runId, s.facesPerSecond])).toEqual([
      [2, 500],
      [1, 2000],
    ])
    expect(throughputSamples(store.db)[0]?.overhead).toBeCloseTo(1.5)
    const { 'training.estimate': estimate } = noProbe()
    const config = TrainingConfig.parse({ model: 'fast-cnn', epochs: 4 })
    const answer = await estimate({ datasetId, config }, ctx)
    if (answer.kind !== 'estimate') throw new Error(`no estimate: ${answer.kind}`)
    const result = answer.estimate
    expect(result).toMatchObject({ basis: 'measured', facesPerEpoch: 35, epochs: 4 })
    expect(result.from?.runName).toBe('fast-cnn #2')
    expect(result.ms).toBeCloseTo(((4 * 35) / 500) * 1000 * 1.5)
  })
})
