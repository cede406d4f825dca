import { existsSync } from 'node:fs'
import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { EventName, EventPayload } from '../../shared/contract'
import { EMOTIONS } from '../../shared/domain/emotion'
import type { DatasetId, RunId } from '../../shared/domain/ids'
import type { TrainingConfigInput } from '../../shared/domain/training'
import { StudioFailure } from '../../shared/transport/envelope'
import type { TrainerHost } from '../training/main/host'
import { runFiles } from '../training/common/protocol'
import {
  createTempStore,
  FLIP_ONLY,
  seedDataset,
  testConfig,
} from '../training/main/trainerFixtures.testUtil'
import { createWorkerThreadHost } from '../training/main/workerThreadHost'
import { createBalanceHandlers } from './balanceService'
import { createEvaluationService } from './evaluationService'
import { createTrainingService } from './trainingService'
import type { TrainingServiceDeps } from './trainingService'

/** The training, evaluation and balance services on one store, as createServices builds them. */
function createDomainServices(deps: TrainingServiceDeps) {
  const training = createTrainingService(deps)
  const evaluation = createEvaluationService(deps)
  return {
    handlers: { ...training.handlers, ...evaluation.handlers, ...createBalanceHandlers(deps) },
    whenSettled: training.whenSettled,
    close: () => Promise.all([training.close(), evaluation.close()]).then(() => undefined),
  }
}
type DomainServices = ReturnType<typeof createDomainServices>

const ctx = { origin: 'test' as const, log: () => undefined }
type Event = { name: EventName; payload: EventPayload<EventName> }

describe('training service', () => {
  let store: ReturnType<typeof createTempStore>
  let events: Event[]
  let hosts: TrainerHost[]
  let service: DomainServices
  let datasetId: DatasetId

  const createService = () =>
    createDomainServices({
      db: store.db,
      dataDir: store.dir,
      emit: (name, payload) => void events.push({ name, payload }),
      log: () => undefined,
      maxThreads: 1,
      createHost: () => {
        const host = createWorkerThreadHost()
        hosts.push(host)
        return host
      },
    })
  const start = (config: TrainingConfigInput = {}, name?: string) =>
    service.handlers['training.start'](
      { datasetId, config: testConfig(config), ...(name === undefined ? {} : { name }) },
      ctx,
    )
  const statuses = (runId: number) =>
    events
      .filter(
        (e) =>
          e.name === 'training.statusChanged' && (e.payload as { runId: number }).runId === runId,
      )
      .map((e) => (e.payload as { status: string }).status)
  const nextEvent = (test: (e: Event) => boolean) =>
    new Promise<Event>((resolve) => {
      const timer = setInterval(() => {
        const found = events.find(test)
        if (found) {
          clearInterval(timer)
          resolve(found)
        }
      }, 10)
    })

  /** A run's stored probabilities, face by face, class by class. */
  const probabilitiesOf = (runId: number): number[] =>
    store.db
      .prepare<[number], number[]>(
        'SELECT p0, p1, p2, p3, p4, p5, p6 FROM predictions WHERE run_id = ? ORDER BY face_id',
      )
      .raw()
      .all(runId)
      .flat()

  beforeEach(() => {
    store = createTempStore()
    events = []
    hosts = []
    datasetId = seedDataset(store.db, { train: 3, validation: 2, test: 1 }) as DatasetId
    service = createService()
  })
  afterEach(async () => {
    await service.close()
    await Promise.all(hosts.map((h) => h.terminate()))
    store.cleanup()
  })

  it('trains a run to the end: events, epochs, batches, predictions and confusion cells', async () => {
    const run = await start({ augment: FLIP_ONLY }, 'first try')
    expect(run).toMatchObject({ status: 'queued', name: 'first try', epochsDone: 0 })
    await expect(start()).rejects.toMatchObject({ code: 'CONFLICT' })

    const done = await service.whenSettled(run.id)
    expect(done).toMatchObject({
      status: 'completed',
      epochsDone: 2,
      backend: 'wasm',
      threads: expect.any(Number),
    })
    expect(done.bestEpoch).not.toBeNull()
    expect(statuses(run.id)).toEqual(['queued', 'running', 'completed'])
    expect(events.filter((e) => e.name === 'training.epochEnded')).toHaveLength(2)
    expect(events.some((e) => e.name === 'training.batchEnded')).toBe(true)

    const detail = await service.handlers['training.getRun']({ runId: run.id }, ctx)
    expect(detail.epochs.map((e) => e.logs.epoch)).toEqual([1, 2])
    expect(detail.epochs[1]!.confusion!.flat().reduce((a, b) => a + b, 0)).toBe(14)
    expect(detail.batches.length).toBeGreaterThan(0)
    expect(detail.summary.bestValAccuracy).toBe(
      Math.max(...detail.epochs.map((e) => e.logs.valAccuracy!)),
    )
    expect(await service.handlers['training.listRuns']({ datasetId }, ctx)).toHaveLength(1)

    // The end-of-run evaluation stored a prediction for every validation face...
    const evaluation = await service.handlers['evaluation.get'](
      { runId: run.id, split: 'validation' },
      ctx,
    )
    expect(evaluation!.confusion.flat().reduce((a, b) => a + b, 0)).toBe(14)
    const predictions = store.db
      .prepare<[number], { face_id: number; predicted: number; label: number }>(
        `SELECT p.face_id, p.predicted, f.label FROM predictions p JOIN faces f ON f.id = p.face_id
          WHERE p.run_id = ? ORDER BY p.face_id`,
      )
      .all(run.id)
    expect(predictions).toHaveLength(14)
    // ...and every confusion cell opens exactly its faces.
    for (const [t, truth] of EMOTIONS.entries()) {
      for (const [p, predicted] of EMOTIONS.entries()) {
        const ids = await service.handlers['evaluation.cellFaces'](
          { runId: run.id, split: 'validation', truth, predicted },
          ctx,
        )
        const expected = predictions
          .filter((r) => r.label === t && r.predicted === p)
          .map((r) => r.face_id)
        expect(ids).toEqual(expected)
        expect(ids.length).toBe(evaluation!.confusion[t]![p])
      }
    }
    expect(existsSync(path.join(done.runDir!, 'model', 'model.json'))).toBe(true)

    // It used the run's recommended test-time augmentation, flip for a run trained on mirrored
    // whole faces: the stored probabilities are an on-demand flip evaluation's, not plain ones.
    expect(evaluation!.tta).toBe('flip')
    const stored = probabilitiesOf(run.id)
    await service.handlers['evaluation.run'](
      { runId: run.id, split: 'validation', tta: 'flip' },
      ctx,
    )
    const flipped = probabilitiesOf(run.id)
    await service.handlers['evaluation.run'](
      { runId: run.id, split: 'validation', tta: 'none' },
      ctx,
    )
    const plain = probabilitiesOf(run.id)
    expect(stored).toHaveLength(14 * 7)
    stored.forEach((p, i) => expect(p).toBeCloseTo(flipped[i]!, 4))
    expect(Math.max(...stored.map((p, i) => Math.abs(p - plain[i]!)))).toBeGreaterThan(1e-3)
  })

  it('exports a run as TF.js or ONNX into a folder, refusing to overwrite', async () => {
    const run = await start({ epochs: 1 })
    await service.whenSettled(run.id)
    const out = path.join(store.dir, 'exported')
    const exportModel = (format: 'tfjs' | 'onnx') =>
      service.handlers['training.exportModel']({ runId: run.id, format, outDir: out }, ctx)
    expect(await exportModel('onnx')).toEqual({
      dir: out,
      files: ['MODEL_CARD.md', 'model.onnx', 'model_card.json'],
    })
    expect((await exportModel('tfjs')).files).toContain('model.json')
    await expect(exportModel('onnx')).rejects.toMatchObject({ code: 'CONFLICT' })
    await expect(
      service.handlers['training.exportModel'](
        { runId: 999 as RunId, format: 'onnx', outDir: out },
        ctx,
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('evaluates any split on demand with the best weights and stores its predictions', async () => {
    const run = await start({ epochs: 1 })
    await service.whenSettled(run.id)
    // Relabel one test face: evaluation uses the data as it is now.
    const testFace = store.db
      .prepare<[], { id: number }>("SELECT id FROM faces WHERE split = 'test' ORDER BY id")
      .get()!
    store.db.prepare('UPDATE faces SET label = 6 WHERE id = ?').run(testFace.id)
    const result = await service.handlers['evaluation.run'](
      { runId: run.id, split: 'test', tta: 'none' },
      ctx,
    )
    expect(result).toMatchObject({ runId: run.id, split: 'test', tta: 'none', epoch: 1 })
    expect(result.perClass[6]!.support).toBe(2)
    expect(result.perClass.reduce((s, m) => s + m.support, 0)).toBe(7)
    expect(await service.handlers['evaluation.get']({ runId: run.id, split: 'test' }, ctx)).toEqual(
      result,
    )
    const stored = store.db
      .prepare<[number], { n: number }>(
        "SELECT COUNT(*) AS n FROM predictions p JOIN faces f ON f.id = p.face_id WHERE p.run_id = ? AND f.split = 'test'",
      )
      .get(run.id)
    expect(stored!.n).toBe(7)
    // Without a tta the run's recommended one is used: none, for a run that never saw a mirror
    // image (these faces are not symmetric: a mirrored face can be another class).
    expect(
      await service.handlers['evaluation.run']({ runId: run.id, split: 'test' }, ctx),
    ).toMatchObject({ split: 'test', tta: 'none' })
    // Flip test-time augmentation is recorded with the result it produced.
    const flipped = await service.handlers['evaluation.run'](
      { runId: run.id, split: 'test', tta: 'flip' },
      ctx,
    )
    expect(flipped).toMatchObject({ split: 'test', tta: 'flip' })
    expect(
      await service.handlers['evaluation.get']({ runId: run.id, split: 'test' }, ctx),
    ).toMatchObject({ tta: 'flip', accuracy: flipped.accuracy })
    store.db.prepare("UPDATE faces SET split = 'validation' WHERE split = 'test'").run()
    await expect(
      service.handlers['evaluation.run']({ runId: run.id, split: 'test', tta: 'none' }, ctx),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    })
  })

  it('marks a run whose worker dies as interrupted, and resumes it from its last checkpoint', async () => {
    const run = await start({ epochs: 4 })
    await nextEvent((e) => e.name === 'training.epochEnded')
    await hosts[0]!.terminate()
    const interrupted = await service.whenSettled(run.id)
    expect(interrupted.status).toBe('interrupted')
    expect(interrupted.error).toMatch(/stopped unexpectedly/)
    const checkpointEpoch = interrupted.epochsDone
    expect(checkpointEpoch).toBeGreaterThanOrEqual(1)

    events.length = 0
    const resumed = await service.handlers['training.resume']({ runId: run.id }, ctx)
    expect(resumed.status).toBe('queued')
    const firstBatch = await nextEvent((e) => e.name === 'training.batchEnded')
    expect((firstBatch.payload as { logs: { epoch: number } }).logs.epoch).toBe(checkpointEpoch + 1)
    const done = await service.whenSettled(run.id)
    expect(done).toMatchObject({ status: 'completed', epochsDone: 4, error: null })
    const detail = await service.handlers['training.getRun']({ runId: run.id }, ctx)
    expect(detail.epochs.map((e) => e.logs.epoch)).toEqual([1, 2, 3, 4])
  })

  it('pauses, resumes and cancels a run; a cancelled run keeps its epochs and can be deleted', async () => {
    const run = await start({ epochs: 30, batchSize: 4 })
    await nextEvent((e) => e.name === 'training.epochEnded')
    await service.handlers['training.pause']({ runId: run.id }, ctx)
    await nextEvent(
      (e) =>
        e.name === 'training.statusChanged' &&
        (e.payload as { status: string }).status === 'paused',
    )
    await expect(service.handlers['training.pause']({ runId: run.id }, ctx)).resolves.toMatchObject(
      { status: 'paused' },
    )
    await service.handlers['training.resume']({ runId: run.id }, ctx)
    await service.handlers['training.cancel']({ runId: run.id }, ctx)
    const done = await service.whenSettled(run.id)
    expect(done.status).toBe('cancelled')
    expect(done.epochsDone).toBeGreaterThanOrEqual(1)
    expect(done.epochsDone).toBeLessThan(30)
    expect(statuses(run.id)).toEqual(['queued', 'running', 'paused', 'running', 'cancelled'])
    expect((await service.handlers['training.cancel']({ runId: run.id }, ctx)).status).toBe(
      'cancelled',
    )

    await service.handlers['training.deleteRun']({ runId: run.id }, ctx)
    expect(existsSync(done.runDir!)).toBe(false)
    await expect(
      service.handlers['training.getRun']({ runId: run.id }, ctx),
    ).rejects.toBeInstanceOf(StudioFailure)
  })
})

describe('training service without workers', () => {
  let store: ReturnType<typeof createTempStore>
  beforeEach(() => {
    store = createTempStore()
  })
  afterEach(() => store.cleanup())

  const service = (events: unknown[] = []) =>
    createDomainServices({
      db: store.db,
      dataDir: store.dir,
      emit: (name, payload) => void events.push({ name, payload }),
      log: () => undefined,
      createHost: () => {
        throw new Error('no worker in this test')
      },
    })

  it('turns runs a previous process left running into interrupted ones', () => {
    const datasetId = seedDataset(store.db, { train: 1 })
    store.db
      .prepare(
        `INSERT INTO runs (dataset_id, name, status, config, created_at) VALUES (?, 'old', 'running', ?, 1)`,
      )
      .run(datasetId, JSON.stringify(testConfig()))
    service()
    const row = store.db
      .prepare<[], { status: string; error: string }>('SELECT status, error FROM runs')
      .get()
    expect(row).toMatchObject({ status: 'interrupted' })
    expect(row!.error).toMatch(/stopped while this run was training/)
  })

  it('refuses bad starts with clear errors', async () => {
    const handlers = service().handlers
    const datasetId = seedDataset(store.db, { test: 1 }) as DatasetId
    await expect(
      handlers['training.start']({ datasetId: 99 as DatasetId, config: testConfig() }, ctx),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(
      handlers['training.start']({ datasetId, config: testConfig({ model: 'nope' }) }, ctx),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/Unknown model 'nope'/),
    })
    await expect(
      handlers['training.start']({ datasetId, config: testConfig() }, ctx),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/no train faces/),
    })
    await expect(
      handlers['evaluation.run']({ runId: 5 as RunId, split: 'test', tta: 'none' }, ctx),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('refuses FER+ targets and the not-a-face drop on a dataset without FER+ votes', async () => {
    const handlers = service().handlers
    const datasetId = seedDataset(store.db, { train: 1 }, 'no votes') as DatasetId
    for (const recipe of [{ targets: 'ferplus' as const }, { dropNotAFace: true }]) {
      await expect(
        handlers['training.start']({ datasetId, config: testConfig(recipe) }, ctx),
      ).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: expect.stringMatching(/'no votes' has no FER\+ votes.*attach-ferplus/),
      })
    }
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM runs').get()).toEqual({ n: 0 })
  })

  it('plans rebalancing from the train counts and previews augmented faces', async () => {
    const handlers = service().handlers
    const datasetId = seedDataset(store.db, { train: 2, validation: 1 }) as DatasetId
    store.db.prepare("UPDATE faces SET label = 3 WHERE split = 'train' AND label = 1").run()
    const plan = await handlers['balance.plan'](
      { datasetId, balance: { classWeights: 'balanced', oversampleTo: 'max' } },
      ctx,
    )
    expect(plan.before).toEqual([2, 0, 2, 4, 2, 2, 2])
    expect(plan.after).toEqual([4, 0, 4, 4, 4, 4, 4])
    expect(plan.classWeights).toEqual([1, 0, 1, 1, 1, 1, 1])

    const preview = await handlers['balance.augmentPreview'](
      {
        datasetId,
        label: 'happy',
        augment: testConfig({ augment: {} }).augment!,
        count: 5,
        seed: 2,
      },
      ctx,
    )
    expect(preview.size).toBe(48)
    expect(preview.samples).toHaveLength(5)
    expect(preview.samples[0]).toHaveLength(48 * 48)
    const again = await handlers['balance.augmentPreview'](
      {
        datasetId,
        label: 'happy',
        augment: testConfig({ augment: {} }).augment!,
        count: 5,
        seed: 2,
      },
      ctx,
    )
    expect(again).toEqual(preview)
    await expect(
      handlers['balance.augmentPreview'](
        {
          datasetId,
          faceId: 9999 as never,
          augment: testConfig({ augment: {} }).augment!,
          count: 1,
          seed: 1,
        },
        ctx,
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('lists the model presets', async () => {
    const presets = await service().handlers['training.models']({}, ctx)
    expect(presets.map((p) => p.name)).toEqual(
      expect.arrayContaining(['fast-cnn', 'seed-cnn', 'tiny-cnn']),
    )
    expect(presets.find((p) => p.name === 'seed-cnn')!.params).toBe(4_496_903)
    expect(runFiles('/x').model).toBe(path.join('/x', 'model'))
  })
})
