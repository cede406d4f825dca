import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { Handlers } from '../../shared/contract'
import { EMOTIONS } from '../../shared/domain/emotion'
import type { DatasetId, FaceId } from '../../shared/domain/ids'
import type { SuspectJobId } from '../../shared/domain/suspects'
import { getEvaluation } from '../db/queries/runEvaluations'
import { getRun } from '../db/queries/runs'
import {
  createTempStore,
  FLIP_ONLY,
  seedDataset,
  testConfig,
} from '../training/main/trainerFixtures.testUtil'
import { createWorkerThreadHost } from '../training/main/workerThreadHost'
import { createLabelHandlers } from './labelService'
import { createSuspectsService, type SuspectsService } from './suspectsService'
import { createTrainingService, type TrainingService } from './trainingService'

const ctx = { origin: 'test' as const, log: () => undefined }

/** Faces given a wrong label on purpose: face id -> the label it really shows. */
const FLIPPED = new Map([
  [3, 5],
  [12, 0],
  [30, 6],
  [45, 2],
])

describe('suspects service', () => {
  let store: ReturnType<typeof createTempStore>
  let training: TrainingService
  let labels: Pick<Handlers, 'labels.setEach' | 'labels.undo' | 'labels.history'>
  let suspects: SuspectsService
  let datasetId: DatasetId

  beforeEach(() => {
    store = createTempStore()
    // 10 train + 2 validation faces of each class (ids 1..84), 2 test faces each (never used).
    datasetId = seedDataset(store.db, { train: 10, validation: 2, test: 2 }) as DatasetId
    const relabel = store.db.prepare('UPDATE faces SET label = ?, original_label = ? WHERE id = ?')
    const vote = store.db.prepare('UPDATE faces SET ferplus_majority = ? WHERE id = ?')
    const faces = store.db.prepare('SELECT id, label FROM faces').all() as {
      id: number
      label: number
    }[]
    for (const face of faces) vote.run(FLIPPED.get(face.id) ?? face.label, face.id)
    for (const [id, truth] of FLIPPED) relabel.run((truth + 3) % 7, (truth + 3) % 7, id)
    // Faces 1 and 8 are pixel-identical copies: one duplicate group.
    store.db.prepare('UPDATE faces SET duplicate_group = 1 WHERE id IN (1, 8)').run()
    const deps = { db: store.db, dataDir: store.dir, emit: () => undefined, log: () => undefined }
    training = createTrainingService({
      ...deps,
      maxThreads: 1,
      createHost: () => createWorkerThreadHost(),
    })
    labels = createLabelHandlers(deps)
    suspects = createSuspectsService({ ...deps, training, setEach: labels['labels.setEach'] })
  })
  afterEach(async () => {
    await training.close()
    store.cleanup()
  })

  const config = testConfig({ epochs: 12, learningRate: 0.02, seed: 5 })
  const startJob = () =>
    suspects.handlers['suspects.start'](
      { datasetId, folds: 2, config, ranking: 'selfConfidence' },
      ctx,
    )

  it(
    'trains one run per fold on the other folds, predicts only its own, and ranks the flipped faces',
    { timeout: 600_000 },
    async () => {
      const started = await startJob()
      expect(started.faces).toBe(84)
      const job = await suspects.whenSettled(started.id)
      expect(job.status).toBe('completed')
      expect(job.foldsDone).toBe(2)

      // Every covered face has out-of-fold probabilities from the run of its own fold only.
      const rows = store.db
        .prepare('SELECT face_id, fold, p0 FROM suspect_faces WHERE job_id = ?')
        .all(job.id) as { face_id: number; fold: number; p0: number | null }[]
      expect(rows).toHaveLength(84)
      expect(rows.every((r) => r.p0 !== null)).toBe(true)
      const foldOf = new Map(rows.map((r) => [r.face_id, r.fold]))
      expect(foldOf.get(1)).toBe(foldOf.get(8))
      for (const [fold, runId] of job.foldRuns.entries()) {
        expect(getRun(store.db, runId as number)?.status).toBe('completed')
        const predicted = store.db
          .prepare('SELECT face_id FROM predictions WHERE run_id = ?')
          .all(runId) as { face_id: number }[]
        expect(predicted.length).toBeGreaterThan(0)
        expect(predicted.every((p) => foldOf.get(p.face_id) === fold)).toBe(true)
        // Each fold run's held-out predictions are its final evaluation, with the run's
        // recommended test-time augmentation: none, as these runs never saw a mirrored face.
        expect(getEvaluation(store.db, runId as number, 'validation')?.tta).toBe('none')
      }

      const list = await suspects.handlers['suspects.list'](
        { datasetId, limit: 100, offset: 0, includeReviewed: false },
        ctx,
      )
      expect(list.jobId).toBe(job.id)
      const found = list.suspects.filter((s) => FLIPPED.has(s.faceId))
      // Every flipped face is a suspect, near the top; a suggestion is never the given label.
      expect(found).toHaveLength(FLIPPED.size)
      expect(Math.max(...found.map((s) => s.rank))).toBeLessThanOrEqual(8)
      for (const s of list.suspects) expect(s.suggested).not.toBe(s.given)
      for (const s of found) expect(s.given).not.toBe(EMOTIONS[FLIPPED.get(s.faceId) as number])
      expect(list.suspects.map((s) => s.rank)).toEqual(list.suspects.map((_, i) => i + 1))

      const detail = await suspects.handlers['suspects.getJob']({ jobId: job.id }, ctx)
      expect(detail.noise?.calibratedJoint.flat().reduce((a, b) => a + b, 0)).toBe(84)
      expect(detail.ferPlus?.baseline).toBeCloseTo(4 / 84, 10)
      expect(detail.ferPlus?.precisionAt[0]?.considered).toBe(list.suspects.length)
      expect(detail.ferPlus?.precisionAt[0]?.precision).toBeGreaterThan(0.4)

      // Accept one suggestion: an undoable step marked as such; keep another: it never comes back.
      const [first, second] = list.suspects as [
        (typeof list.suspects)[0],
        (typeof list.suspects)[0],
      ]
      const accepted = await suspects.handlers['suspects.accept'](
        { faceIds: [first.faceId], actor: 'test' },
        ctx,
      )
      expect(accepted.changes).toEqual([{ faceId: first.faceId, label: first.suggested }])
      const history = await labels['labels.history']({ faceId: first.faceId, limit: 5 }, ctx)
      expect(history[0]).toMatchObject({ kind: 'set', source: 'suggestion', to: first.suggested })
      await suspects.handlers['suspects.keep']({ faceIds: [second.faceId] }, ctx)
      const after = await suspects.handlers['suspects.list'](
        { datasetId, limit: 100, offset: 0, includeReviewed: false },
        ctx,
      )
      expect(after.counts).toEqual({
        suspects: list.counts.suspects,
        kept: 1,
        accepted: 1,
        remaining: list.counts.suspects - 2,
      })
      expect(after.suspects.map((s) => s.faceId)).not.toContain(first.faceId)
      expect(after.suspects.map((s) => s.faceId)).not.toContain(second.faceId)
      const undone = await labels['labels.undo']({ datasetId }, ctx)
      expect(undone.changes).toEqual([{ faceId: first.faceId, label: first.given }])
      // Undoing the relabel brings the suspect back.
      const backAgain = await suspects.handlers['suspects.list'](
        { datasetId, limit: 100, offset: 0, includeReviewed: false },
        ctx,
      )
      expect(backAgain.suspects[0]?.faceId).toBe(first.faceId)
      expect(backAgain.counts.accepted).toBe(0)

      // A face that is not a suspect cannot be "accepted".
      const innocent = 84 as FaceId
      if (!list.suspects.some((s) => s.faceId === innocent)) {
        await expect(
          suspects.handlers['suspects.accept']({ faceIds: [innocent], actor: 'test' }, ctx),
        ).rejects.toMatchObject({ code: 'INVALID_INPUT' })
      }
    },
  )

  it(
    "takes each fold run's held-out probabilities with its recommended test-time augmentation",
    { timeout: 600_000 },
    async () => {
      const flipConfig = testConfig({ epochs: 2, seed: 5, augment: FLIP_ONLY })
      const started = await suspects.handlers['suspects.start'](
        { datasetId, folds: 2, config: flipConfig, ranking: 'selfConfidence' },
        ctx,
      )
      const job = await suspects.whenSettled(started.id)
      expect(job.status).toBe('completed')
      const columns = 'face_id, p0, p1, p2, p3, p4, p5, p6'
      const outOfFold = store.db
        .prepare(`SELECT ${columns} FROM suspect_faces WHERE job_id = ? ORDER BY face_id`)
        .raw()
        .all(job.id) as number[][]
      const byRuns = job.foldRuns.flatMap((runId) => {
        // A run trained on mirrored faces: its held-out faces were evaluated with flip.
        expect(getEvaluation(store.db, runId as number, 'validation')?.tta).toBe('flip')
        return store.db
          .prepare(`SELECT ${columns} FROM predictions WHERE run_id = ?`)
          .raw()
          .all(runId) as number[][]
      })
      byRuns.sort((a, b) => a[0]! - b[0]!)
      expect(outOfFold).toHaveLength(84)
      expect(outOfFold).toEqual(byRuns)
    },
  )

  it(
    'cancels at the current fold and resumes from there with a new run for it',
    { timeout: 600_000 },
    async () => {
      const started = await startJob()
      await new Promise<void>((resolve) => {
        const timer = setInterval(() => {
          const running = store.db.prepare("SELECT id FROM runs WHERE status = 'running'").get()
          if (running) {
            clearInterval(timer)
            void suspects.handlers['suspects.cancel']({ jobId: started.id }, ctx).then(() =>
              resolve(),
            )
          }
        }, 20)
      })
      const stopped = await suspects.whenSettled(started.id)
      expect(stopped.status).toBe('cancelled')
      expect(stopped.foldsDone).toBe(0)
      const cancelledRun = stopped.foldRuns[0] as number
      expect(getRun(store.db, cancelledRun)?.status).toBe('cancelled')

      const resumed = await suspects.handlers['suspects.resume']({ jobId: started.id }, ctx)
      expect(resumed.status).toBe('queued')
      const done = await suspects.whenSettled(started.id as SuspectJobId)
      expect(done.status).toBe('completed')
      expect(done.foldsDone).toBe(2)
      expect(done.foldRuns[0]).not.toBe(cancelledRun)
    },
  )
})
