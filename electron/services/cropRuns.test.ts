import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ModelCard } from '../../shared/domain/modelCard'
import type { DatasetId, RunId } from '../../shared/domain/ids'
import type { RunSummary } from '../../shared/domain/training'
import { readModelInput, MODEL_INPUT_FILE } from '../training/common/modelInput'
import { runFiles } from '../training/common/protocol'
import { METADATA_FILE } from '../training/main/exportModel'
import {
  createTempStore,
  FLIP_ONLY,
  seedDataset,
  testConfig,
} from '../training/main/trainerFixtures.testUtil'
import { createWorkerThreadHost } from '../training/main/workerThreadHost'
import type { TrainerHost } from '../training/main/host'
import { readModelMetadata } from '../training/worker/engine/onnx/onnxBuilder'
import { createEvaluationService } from './evaluationService'
import { createTrainingService } from './trainingService'

const ctx = { origin: 'test' as const, log: () => undefined }

/** A run trained on random 44px crops of 48px faces, through the services as the studio runs it. */
describe('a run trained on random crops', () => {
  let store: ReturnType<typeof createTempStore>
  const hosts: TrainerHost[] = []
  let training: ReturnType<typeof createTrainingService>
  let evaluation: ReturnType<typeof createEvaluationService>
  let datasetId: DatasetId
  let cropped: RunSummary
  let whole: RunSummary
  const deps = () => ({
    db: store.db,
    dataDir: store.dir,
    emit: () => undefined,
    log: () => undefined,
    maxThreads: 1,
    now: () => Date.UTC(2026, 11, 7, 9, 30),
    appVersion: '9.9.9-test',
    createHost: () => {
      const host = createWorkerThreadHost()
      hosts.push(host)
      return host
    },
  })
  const handlers = () => ({ ...training.handlers, ...evaluation.handlers })

  beforeAll(async () => {
    store = createTempStore()
    datasetId = seedDataset(store.db, { train: 3, validation: 2, test: 1 }) as DatasetId
    training = createTrainingService(deps())
    evaluation = createEvaluationService(deps())
    const started = await handlers()['training.start'](
      { datasetId, config: testConfig({ crop: 44, augment: FLIP_ONLY }) },
      ctx,
    )
    cropped = await training.whenSettled(started.id)
    const plain = await handlers()['training.start'](
      { datasetId, config: testConfig({ augment: FLIP_ONLY }) },
      ctx,
    )
    whole = await training.whenSettled(plain.id)
  }, 120_000)
  afterAll(async () => {
    await Promise.all([training.close(), evaluation.close()])
    await Promise.all(hosts.map((h) => h.terminate()))
    store.cleanup()
  })

  it('trains a 44px model and records how faces become its input', async () => {
    expect(cropped).toMatchObject({ status: 'completed', config: { crop: 44 } })
    const modelDir = runFiles(
      store.db.prepare('SELECT run_dir FROM runs WHERE id = ?').pluck().get(cropped.id) as string,
    ).model
    expect(await readModelInput(modelDir, 44)).toEqual({ faceSize: 48, inputSize: 44 })
    // The end-of-run validation pass ran on centre crops: every validation face got a prediction.
    const stored = await handlers()['evaluation.get'](
      { runId: cropped.id, split: 'validation' },
      ctx,
    )
    expect(stored!.confusion.flat().reduce((a, b) => a + b, 0)).toBe(14)
    // ...with the run's recommended test-time augmentation, ten-crop; a whole-face run's is flip.
    expect(stored!.tta).toBe('ten-crop')
    expect(
      await handlers()['evaluation.get']({ runId: whole.id, split: 'validation' }, ctx),
    ).toMatchObject({ tta: 'flip' })
  })

  it("refuses a crop that does not fit the dataset's faces, naming both sizes", async () => {
    const small = seedDataset(store.db, { train: 1 }, 'small faces') as DatasetId
    store.db.prepare('UPDATE datasets SET face_size = 40 WHERE id = ?').run(small)
    await expect(
      handlers()['training.start']({ datasetId: small, config: testConfig({ crop: 44 }) }, ctx),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/44px crop must be smaller than .* 40px faces/),
    })
  })

  it('evaluates with ten-crop by default, and refuses ten-crop for a run trained on whole faces', async () => {
    const result = await handlers()['evaluation.run']({ runId: cropped.id, split: 'test' }, ctx)
    expect(result).toMatchObject({ split: 'test', tta: 'ten-crop' })
    expect(result.confusion.flat().reduce((a, b) => a + b, 0)).toBe(7)
    await expect(
      handlers()['evaluation.run']({ runId: whole.id, split: 'test', tta: 'ten-crop' }, ctx),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/trained on whole faces.*--crop/),
    })
  })

  it('exports TF.js and ONNX with the crop documented and a model card beside each', async () => {
    const tfjsDir = path.join(store.dir, 'export-tfjs')
    const tfjs = await handlers()['training.exportModel'](
      { runId: cropped.id as RunId, format: 'tfjs', outDir: tfjsDir },
      ctx,
    )
    expect(tfjs.files).toEqual(
      [
        'MODEL_CARD.md',
        METADATA_FILE,
        MODEL_INPUT_FILE,
        'model.json',
        'model_card.json',
        'weights.bin',
      ].sort(),
    )
    const metadata = JSON.parse(readFileSync(path.join(tfjsDir, METADATA_FILE), 'utf8'))
    expect(metadata.input).toMatchObject({ shape: [null, 44, 44, 1], faceSize: 48, centreCrop: 44 })
    expect(metadata.input.description).toMatch(/48x48 grayscale face.*centre 44x44 crop/)

    const onnxDir = path.join(store.dir, 'export-onnx')
    const onnx = await handlers()['training.exportModel'](
      { runId: cropped.id as RunId, format: 'onnx', outDir: onnxDir },
      ctx,
    )
    expect(onnx.files).toEqual(['MODEL_CARD.md', 'model.onnx', 'model_card.json'])
    const props = readModelMetadata(new Uint8Array(readFileSync(path.join(onnxDir, 'model.onnx'))))
    expect(props).toMatchObject({ face_size: '48', centre_crop: '44' })
    expect(props['input_shape']).toBe(JSON.stringify(['batch', 44, 44, 1]))
    expect(existsSync(path.join(onnxDir, 'model_card.json'))).toBe(true)
  })

  it("writes a card whose numbers are the run's stored evaluations, saying what was not evaluated", async () => {
    const outDir = path.join(store.dir, 'export-card')
    await handlers()['training.exportModel'](
      { runId: cropped.id as RunId, format: 'onnx', outDir },
      ctx,
    )
    const card = ModelCard.parse(
      JSON.parse(readFileSync(path.join(outDir, 'model_card.json'), 'utf8')),
    )
    const validation = await handlers()['evaluation.get'](
      { runId: cropped.id, split: 'validation' },
      ctx,
    )
    const test = await handlers()['evaluation.get']({ runId: cropped.id, split: 'test' }, ctx)
    const [trainCard, validationCard, testCard] = card.splits
    expect(trainCard).toMatchObject({ split: 'train', faces: 21, evaluated: false, accuracy: null })
    expect(validationCard).toMatchObject({
      split: 'validation',
      faces: 14,
      evaluated: true,
      accuracy: validation!.accuracy,
      macroF1: validation!.macro.f1,
    })
    expect(validationCard!.recall!.map((r) => r.recall)).toEqual(
      validation!.perClass.map((c) => c.recall),
    )
    expect(testCard).toMatchObject({ evaluated: true, tta: 'ten-crop', accuracy: test!.accuracy })
    expect(card).toMatchObject({
      appVersion: '9.9.9-test',
      exportedAtIso: '2026-12-07T09:30:00.000Z',
      format: 'onnx',
      dataset: { faces: { train: 21, validation: 14, test: 7, excluded: 0 }, faceSize: 48 },
      splitsUsed: { validation: 'validation' },
      recipe: { crop: 44, model: 'tiny-cnn', epochs: 2 },
      input: { faceSize: 48, inputSize: 44 },
      training: { epochsRun: 2, bestEpoch: cropped.bestEpoch },
    })
    expect(card.training.wallTimeMs).toBeGreaterThan(0)
    expect(card.dataset.duplicates.groups).toBeGreaterThanOrEqual(0)
    const markdown = readFileSync(path.join(outDir, 'MODEL_CARD.md'), 'utf8')
    expect(markdown).toContain(`| validation | 14 | ${(validation!.accuracy * 100).toFixed(1)}% |`)
    expect(markdown).toContain('| train | 21 | not evaluated |')
    expect(markdown).toContain('Not evaluated: train')
    expect(markdown).toMatch(/exact duplicates/)
  })
})
