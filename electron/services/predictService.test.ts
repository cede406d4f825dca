import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { CallContext } from '../../shared/contract'
import type { DatasetId, RunId } from '../../shared/domain/ids'
import { openDatabase } from '../db/openDatabase'
import { insertRun, updateRun } from '../db/queries/runs'
import { stepOnce } from '../training/worker/callbacks/engine.testUtil'
import { createComputeEngine } from '../training/worker/engine/createComputeEngine'
import { runFiles } from '../training/common/protocol'
import { FLIP_ONLY, seedDataset, testConfig } from '../training/main/trainerFixtures.testUtil'
import { samplePhotoPath } from '../vision/visionFixtures.testUtil'
import type { Services } from './createServices'
import { databasePath } from './dataDir'
import { openTestServices } from './services.testUtil'

const ctx: CallContext = { origin: 'test', log: () => undefined }
let dir: string
let services: Services
let runId: RunId
let datasetId: DatasetId

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fer-predict-'))
  const db = openDatabase(databasePath(dir))
  datasetId = seedDataset(db, { train: 1, validation: 1, test: 0 }, 'mine') as DatasetId
  const config = testConfig({ augment: FLIP_ONLY })
  runId = insertRun(db, { datasetId, name: 'r', config, createdAt: 1 })
  const runDir = path.join(dir, 'runs', String(runId))
  const engine = await createComputeEngine({
    model: 'tiny-cnn',
    backend: 'wasm',
    seed: 3,
    maxThreads: 1,
  })
  await stepOnce(engine)
  await engine.saveModel(runFiles(runDir).model)
  await engine.dispose()
  updateRun(db, runId, { status: 'completed', runDir })
  db.close()
  services = openTestServices(dir)
}, 60_000)
afterAll(async () => {
  await services.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const photo = () => fs.readFileSync(samplePhotoPath(1)).toString('base64')

describe('predict.photo', () => {
  it('finds every face of a photo in the vision worker, with box, probabilities and crop', async () => {
    const result = await services.handlers['predict.photo'](
      { runId, image: photo(), tta: 'none' },
      ctx,
    )
    expect(result).toMatchObject({ width: 1920, height: 1280, cropSize: 48 })
    expect(result.faces).toHaveLength(3)
    for (const face of result.faces) {
      expect(face.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4)
      expect(face.confidence).toBe(Math.max(...face.probabilities))
      expect(Buffer.from(face.crop, 'base64')).toHaveLength(48 * 48)
    }
  }, 60_000)

  it('averages each face with its mirror image with flip TTA, the default; ten-crop only for crop runs', async () => {
    const plain = await services.handlers['predict.photo'](
      { runId, image: photo(), tta: 'none' },
      ctx,
    )
    const known = plain.faces.map((f) => ({ box: f.box, detectionScore: f.detectionScore }))
    const again = await services.handlers['predict.photo'](
      { runId, image: photo(), faces: known, tta: 'none' },
      ctx,
    )
    const flipped = await services.handlers['predict.photo'](
      { runId, image: photo(), faces: known, tta: 'flip' },
      ctx,
    )
    // Without a tta the run's recommended one applies: flip, for a run on mirrored whole faces.
    const byDefault = await services.handlers['predict.photo'](
      { runId, image: photo(), faces: known },
      ctx,
    )
    expect(byDefault.faces.map((f) => f.probabilities)).toEqual(
      flipped.faces.map((f) => f.probabilities),
    )
    expect(again.faces.map((f) => f.probabilities)).toEqual(plain.faces.map((f) => f.probabilities))
    expect(flipped.faces.map((f) => f.crop)).toEqual(plain.faces.map((f) => f.crop))
    expect(flipped.faces.map((f) => f.probabilities)).not.toEqual(
      plain.faces.map((f) => f.probabilities),
    )
    await expect(
      services.handlers['predict.photo']({ runId, image: photo(), tta: 'ten-crop' }, ctx),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/random crops/),
    })
  }, 60_000)

  it('answers bad input with codes', async () => {
    const text = Buffer.from('not an image').toString('base64')
    await expect(
      services.handlers['predict.photo']({ runId, image: text, tta: 'none' }, ctx),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    await expect(
      services.handlers['predict.photo']({ runId: 999 as RunId, image: photo(), tta: 'none' }, ctx),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' })
  }, 60_000)
})

describe('predict.addFace', () => {
  it('adds a crop to an existing dataset and to a new one, labelled', async () => {
    const { faces } = await services.handlers['predict.photo'](
      { runId, image: photo(), tta: 'none' },
      ctx,
    )
    const crop = faces[0]!.crop
    const base = { crop, cropSize: 48, label: 'happy' as const, split: 'train' as const }
    const before = await services.handlers['datasets.get']({ datasetId }, ctx)
    const added = await services.handlers['predict.addFace'](
      { ...base, target: { kind: 'existing', datasetId }, source: 'sample1.jpg#1' },
      ctx,
    )
    expect(added.datasetId).toBe(datasetId)
    const after = await services.handlers['datasets.get']({ datasetId }, ctx)
    expect(after.faceCount).toBe(before.faceCount + 1)
    const [summary] = await services.handlers['faces.get']({ ids: [added.faceId] }, ctx)
    expect(summary).toMatchObject({ label: 'happy', split: 'train' })
    const pixels = await services.handlers['faces.pixels']({ faceId: added.faceId }, ctx)
    expect(Buffer.from(pixels.pixels).toString('base64')).toBe(crop)

    const created = await services.handlers['predict.addFace'](
      { ...base, target: { kind: 'new', name: 'my faces' }, source: 'camera' },
      ctx,
    )
    expect(
      await services.handlers['datasets.get']({ datasetId: created.datasetId }, ctx),
    ).toMatchObject({ name: 'my faces', faceCount: 1, faceSize: 48 })
    await expect(
      services.handlers['predict.addFace'](
        { ...base, cropSize: 40, target: { kind: 'existing', datasetId }, source: 'x' },
        ctx,
      ),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' })
  }, 60_000)
})
