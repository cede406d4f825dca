import { writeFileSync, renameSync } from 'node:fs'

import type { Emit, Handlers } from '../../shared/contract'
import { NUM_EMOTIONS } from '../../shared/domain/emotion'
import type { SuspectRanking } from '../../shared/domain/suspects'
import type { TrainingConfig } from '../../shared/domain/training'
import { StudioFailure } from '../../shared/transport/envelope'
import type { StudioDb } from '../db/openDatabase'
import { ACTIVE_STATUSES, getRun, listRunsWithStatus, type Run } from '../db/queries/runs'
import {
  completeFold,
  getJob,
  insertJob,
  insertJobFaces,
  jobFolds,
  jobsWithStatus,
  readOutOfFold,
  type SuspectJob,
  updateJob,
  writeSuspects,
} from '../db/queries/suspects'
import { encodeSnapshot, readDatasetFromDb } from '../training/common/snapshot'
import { argmaxConfusion, confidentLearning } from '../training/main/suspects/confidentLearning'
import { ferPlusCheck } from '../training/main/suspects/ferPlusCheck'
import { planFolds } from '../training/main/suspects/foldPlan'
import { foldSnapshot, type JobFace } from '../training/main/suspects/foldSnapshot'

/** What a suspects job needs of the training service: fold runs are ordinary runs. */
export type SuspectsTraining = Readonly<{
  startRun(
    datasetId: number,
    config: TrainingConfig,
    name: string | null,
    writeSnapshot: (file: string) => void,
  ): Run
  whenSettled(runId: number): Promise<Run>
  handlers: Pick<
    Handlers,
    'training.pause' | 'training.resume' | 'training.cancel' | 'training.listRuns'
  >
}>

export type SuspectsJobsDeps = Readonly<{
  db: StudioDb
  emit: Emit
  log: (message: string) => void
  training: SuspectsTraining
  now?: () => number
}>

const SETTLED = ['completed', 'cancelled', 'failed', 'interrupted'] as const
const ctx = { origin: 'bridge' as const, log: () => undefined }

/**
 * Drives suspects jobs: deals the faces into folds, then for each fold not done starts its run
 * (or resumes it from its checkpoint when it was interrupted), waits for it, and copies its
 * held-out predictions into the job; once every fold is done, runs confident learning and the
 * FER+ check and stores them. A job whose process went away (its fold run interrupted) is marked
 * interrupted and resumes at that fold.
 */
export function createSuspectsJobs(deps: SuspectsJobsDeps) {
  const { db, emit, log, training } = deps
  const now = deps.now ?? Date.now
  const driving = new Map<number, { runId: number | null; cancelled: boolean }>()
  const listeners = new Map<number, Array<(job: SuspectJob) => void>>()

  const mustGet = (jobId: number) => getJob(db, jobId) as SuspectJob
  const publish = (jobId: number): SuspectJob => {
    const job = mustGet(jobId)
    const { seed: _seed, ...summary } = job
    emit('suspects.changed', { job: summary })
    if ((SETTLED as readonly string[]).includes(job.status)) {
      for (const resolve of listeners.get(jobId) ?? []) resolve(job)
      listeners.delete(jobId)
    }
    return job
  }
  const settle = (jobId: number, status: SuspectJob['status'], error: string | null) => {
    db.transaction(() =>
      updateJob(db, jobId, { status, error, finishedAt: now(), currentFold: null }),
    ).immediate()
    return publish(jobId)
  }

  /** The faces of a job as it recorded them: fold and given label by face id. */
  const jobFaces = (jobId: number): Map<number, JobFace> =>
    new Map(
      db
        .prepare<[number], { face_id: number; fold: number; given: number }>(
          'SELECT face_id, fold, given FROM suspect_faces WHERE job_id = ?',
        )
        .all(jobId)
        .map((r) => [r.face_id, { fold: r.fold, given: r.given }]),
    )

  const writeFoldSnapshot = (job: SuspectJob, fold: number, file: string) => {
    const dataset = readDatasetFromDb(db, job.datasetId, { splits: ['train', 'validation'] })
    const tmp = `${file}.tmp`
    writeFileSync(tmp, encodeSnapshot(foldSnapshot(dataset, jobFaces(job.id), fold)))
    renameSync(tmp, file)
  }

  /** Confident learning over the out-of-fold probabilities, stored with the FER+ check. */
  const finalize = (job: SuspectJob) => {
    const table = readOutOfFold(db, job.id)
    const data = { classes: NUM_EMOTIONS, labels: table.labels, probabilities: table.probabilities }
    const result = confidentLearning(data, job.ranking)
    const suspects = result.issues.map((issue) => ({
      ...issue,
      faceId: table.faceIds[issue.index] as number,
    }))
    const majority = (i: number) => table.ferPlusMajority[i] ?? null
    const check = ferPlusCheck(
      Array.from(table.labels, (given, i) => ({ given, majority: majority(i) })),
      result.issues.map((issue) => ({
        given: issue.given,
        suggested: issue.suggested,
        majority: majority(issue.index),
      })),
    )
    db.transaction(() => {
      writeSuspects(db, job.id, suspects)
      updateJob(db, job.id, {
        noise: {
          thresholds: result.thresholds.map((t) => (Number.isFinite(t) ? t : null)),
          confidentJoint: result.confidentJoint,
          calibratedJoint: result.calibratedJoint,
          noiseMatrix: result.noiseMatrix,
          confusion: argmaxConfusion(data),
        },
        ferPlus: check,
      })
    }).immediate()
  }

  const foldName = (job: SuspectJob, fold: number) =>
    `suspects #${job.id} fold ${fold + 1}/${job.folds}`

  /** Runs the job's remaining folds in turn, then finalizes it. */
  const drive = async (jobId: number): Promise<void> => {
    const state = { runId: null as number | null, cancelled: false }
    driving.set(jobId, state)
    try {
      for (const fold of jobFolds(db, jobId)) {
        if (fold.done === 1) continue
        const job = mustGet(jobId)
        const prior = fold.run_id === null ? undefined : getRun(db, fold.run_id)
        let run: Run
        if (prior?.status === 'completed') {
          run = prior
        } else if (prior?.status === 'interrupted') {
          await training.handlers['training.resume']({ runId: prior.id }, ctx)
          run = prior
        } else {
          run = training.startRun(job.datasetId, job.config, foldName(job, fold.fold), (file) =>
            writeFoldSnapshot(job, fold.fold, file),
          )
          db.transaction(() => {
            db.prepare('UPDATE suspect_folds SET run_id = ? WHERE job_id = ? AND fold = ?').run(
              run.id,
              jobId,
              fold.fold,
            )
          }).immediate()
        }
        state.runId = run.id
        db.transaction(() =>
          updateJob(db, jobId, { status: 'running', currentFold: fold.fold, error: null }),
        ).immediate()
        publish(jobId)
        const settled = run.status === 'completed' ? run : await training.whenSettled(run.id)
        state.runId = null
        if (settled.status !== 'completed') {
          const status = settled.status === 'failed' ? 'failed' : settled.status
          settle(
            jobId,
            status === 'queued' || status === 'running' || status === 'paused'
              ? 'interrupted'
              : status,
            settled.error,
          )
          return
        }
        const wall = (settled.finishedAt ?? now()) - (settled.startedAt ?? now())
        const missing = db
          .transaction(() => completeFold(db, jobId, fold.fold, settled.id, wall))
          .immediate()
        if (missing > 0) {
          settle(
            jobId,
            'failed',
            `Fold ${fold.fold + 1}: ${missing} held-out faces got no prediction`,
          )
          return
        }
        if (state.cancelled) {
          settle(jobId, 'cancelled', null)
          return
        }
      }
      finalize(mustGet(jobId))
      settle(jobId, 'completed', null)
    } catch (err) {
      log(`[suspects ${jobId}] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)
      settle(jobId, 'failed', err instanceof Error ? err.message : String(err))
    } finally {
      driving.delete(jobId)
    }
  }

  /**
   * Jobs left active by a process that is gone become interrupted: their fold run is no longer
   * training (listing runs marks such runs interrupted first).
   */
  const reconcile = () => {
    const active = jobsWithStatus(db, ACTIVE_STATUSES).filter((job) => !driving.has(job.id))
    if (active.length === 0) return
    for (const datasetId of new Set(active.map((j) => j.datasetId)))
      void training.handlers['training.listRuns']({ datasetId: datasetId as never }, ctx)
    const training_ = new Set(listRunsWithStatus(db, ACTIVE_STATUSES).map((r) => r.id))
    for (const job of active) {
      const current = job.currentFold === null ? null : job.foldRuns[job.currentFold]
      if (current !== null && current !== undefined && training_.has(current)) continue
      settle(job.id, 'interrupted', 'The process running this job stopped; resume it to continue')
    }
  }

  const currentRun = (job: SuspectJob): number | null =>
    driving.get(job.id)?.runId ??
    (job.currentFold === null ? null : (job.foldRuns[job.currentFold] ?? null))

  return {
    reconcile,

    start(input: {
      datasetId: number
      folds: number
      config: TrainingConfig
      ranking: SuspectRanking
    }): SuspectJob {
      reconcile()
      const busy = jobsWithStatus(db, ACTIVE_STATUSES)[0]
      if (busy) throw new StudioFailure('CONFLICT', `Suspects job ${busy.id} is running`)
      const faces = db
        .prepare<[number], { id: number; label: number; group: number }>(
          `SELECT id, label, COALESCE(duplicate_group, id) AS "group" FROM faces
            WHERE dataset_id = ? AND split IN ('train', 'validation') ORDER BY id`,
        )
        .all(input.datasetId)
      if (faces.length < input.folds * 2) {
        throw new StudioFailure(
          'INVALID_INPUT',
          `Dataset ${input.datasetId} has ${faces.length} train and validation faces; ` +
            `${input.folds} folds need at least ${input.folds * 2}`,
        )
      }
      const labels = faces.map((f) => f.label)
      const folds = planFolds({
        labels,
        groups: faces.map((f) => f.group),
        folds: input.folds,
        seed: input.config.seed,
      })
      const jobId = db
        .transaction(() => {
          const id = insertJob(db, { ...input, seed: input.config.seed, createdAt: now() })
          insertJobFaces(db, id, { faceIds: faces.map((f) => f.id), folds, given: labels })
          return id
        })
        .immediate()
      const job = publish(jobId)
      void drive(jobId)
      return job
    },

    async pause(job: SuspectJob): Promise<SuspectJob> {
      const runId = currentRun(job)
      if (job.status !== 'running' || runId === null)
        throw new StudioFailure('CONFLICT', `Suspects job ${job.id} is ${job.status}, not running`)
      await training.handlers['training.pause']({ runId: runId as never }, ctx)
      db.transaction(() => updateJob(db, job.id, { status: 'paused' })).immediate()
      return publish(job.id)
    },

    async resume(job: SuspectJob): Promise<SuspectJob> {
      if (job.status === 'paused') {
        const runId = currentRun(job)
        if (runId !== null)
          await training.handlers['training.resume']({ runId: runId as never }, ctx)
        db.transaction(() => updateJob(db, job.id, { status: 'running' })).immediate()
        return publish(job.id)
      }
      if (job.status !== 'interrupted' && job.status !== 'cancelled' && job.status !== 'failed') {
        throw new StudioFailure('CONFLICT', `Suspects job ${job.id} is ${job.status}`)
      }
      const busy = jobsWithStatus(db, ACTIVE_STATUSES)[0]
      if (busy) throw new StudioFailure('CONFLICT', `Suspects job ${busy.id} is running`)
      db.transaction(() =>
        updateJob(db, job.id, { status: 'queued', finishedAt: null, error: null }),
      ).immediate()
      const queued = publish(job.id)
      void drive(job.id)
      return queued
    },

    async cancel(job: SuspectJob): Promise<SuspectJob> {
      const state = driving.get(job.id)
      if (state) {
        state.cancelled = true
        if (state.runId !== null)
          await training.handlers['training.cancel']({ runId: state.runId as never }, ctx)
        return mustGet(job.id)
      }
      if (job.status === 'interrupted' || job.status === 'queued')
        return settle(job.id, 'cancelled', job.error)
      if (job.status === 'running' || job.status === 'paused')
        throw new StudioFailure('CONFLICT', `Suspects job ${job.id} runs in another studio process`)
      return job
    },

    whenSettled(jobId: number): Promise<SuspectJob> {
      const job = mustGet(jobId)
      if (job && (SETTLED as readonly string[]).includes(job.status) && !driving.has(jobId))
        return Promise.resolve(job)
      return new Promise((resolve) => {
        const list = listeners.get(jobId) ?? []
        list.push(resolve)
        listeners.set(jobId, list)
      })
    },
  }
}
