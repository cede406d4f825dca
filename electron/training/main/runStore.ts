import { rmSync } from 'node:fs'

import type { EpochRecord, RunDetail } from '../../../shared/contract/training'
import type { Split } from '../../../shared/domain/split'
import type {
  BatchLogs,
  EvaluationResult,
  RunStatus,
  TestTimeAugmentation,
  TrainingConfig,
} from '../../../shared/domain/training'
import type { StudioDb } from '../../db/openDatabase'
import { deleteRunBatchesAfter, listRunBatches, putRunBatch } from '../../db/queries/runBatches'
import { deleteRunEpochsAfter, listRunEpochs, putRunEpoch } from '../../db/queries/runEpochs'
import { putEvaluation } from '../../db/queries/runEvaluations'
import { putEpochSamples } from '../../db/queries/runEpochSamples'
import { replacePredictions } from '../../db/queries/runPredictions'
import {
  getRun,
  insertRun,
  type Run,
  type RunPatch,
  toRunSummary,
  updateRun,
} from '../../db/queries/runs'

import { monitorValue } from '../worker/callbacks/callback'
import { evaluationResult, predictionsFromProbabilities } from '../common/evaluation'

/** Batch points kept per run at most; longer runs keep every k-th reported point. */
export const MAX_BATCH_POINTS = 2000

/** One evaluation as the worker reports it. */
export type EvaluationReport = Readonly<{
  runId: number
  split: Split
  /**
   * Test-time augmentation used (the end-of-run evaluation's is the run's recommended one);
   * 'none' when absent.
   */
  tta?: TestTimeAugmentation
  epoch: number | null
  faceIds: Int32Array
  truth: Uint8Array
  probabilities: Float32Array
  loss: number
}>

/**
 * Main's side of persistence: turns what the worker reports into rows, each report in one
 * transaction (the worker never writes the database) that takes the write lock up front
 * (IMMEDIATE), so it queues behind another process's writes instead of failing. Keeps the best epoch in step with the
 * stored epochs and thins batch points so a long run stays a few thousand rows.
 */
export function createRunStore(db: StudioDb, now: () => number = Date.now) {
  /** Last stored step per run, for thinning. */
  const lastStoredStep = new Map<number, number>()

  const mustGet = (runId: number): Run => {
    const run = getRun(db, runId)
    if (!run) throw new Error(`Run ${runId} does not exist`)
    return run
  }

  return {
    get: (runId: number) => getRun(db, runId),
    mustGet,

    /**
     * Creates a queued run in one transaction. With `placeDir`, the run's folder is
     * `placeDir(id)`'s result, put in place inside the transaction: the run exists with its folder
     * or not at all (a failed commit removes the folder again).
     */
    create(input: {
      datasetId: number
      name: string | null
      config: TrainingConfig
      placeDir?: (runId: number) => string
    }): Run {
      let placed: string | null = null
      try {
        return db
          .transaction(() => {
            const id = insertRun(db, {
              datasetId: input.datasetId,
              name: input.name ?? 'run',
              config: input.config,
              createdAt: now(),
            })
            if (input.name === null) updateRun(db, id, { name: `${input.config.model} #${id}` })
            if (input.placeDir) {
              placed = input.placeDir(id)
              updateRun(db, id, { runDir: placed })
            }
            return mustGet(id)
          })
          .immediate()
      } catch (err) {
        if (placed !== null) rmSync(placed, { recursive: true, force: true })
        throw err
      }
    },

    update(runId: number, patch: RunPatch): Run {
      updateRun(db, runId, patch)
      return mustGet(runId)
    },

    /** The worker is training: record the backend it got and when training first started. */
    markRunning(runId: number, backend: string, threads: number): Run {
      const run = mustGet(runId)
      updateRun(db, runId, {
        status: 'running',
        backend,
        threads,
        startedAt: run.startedAt ?? now(),
        error: null,
      })
      return mustGet(runId)
    },

    finish(runId: number, status: RunStatus, error: string | null = null): Run {
      updateRun(db, runId, { status, finishedAt: now(), error })
      lastStoredStep.delete(runId)
      return mustGet(runId)
    },

    /** Stores the sample faces' probabilities after an epoch (Present mode replays them). */
    recordEpochSamples(
      runId: number,
      samples: Readonly<{ epoch: number; faceIds: number[]; probabilities: Float32Array }>,
    ): void {
      putEpochSamples(db, runId, {
        epoch: samples.epoch,
        faceIds: samples.faceIds,
        probabilities: samples.faceIds.map((_, k) =>
          Array.from(samples.probabilities.subarray(k * 7, k * 7 + 7)),
        ),
      })
    },

    /** Stores an epoch and recomputes the run's epochs done and best epoch. */
    recordEpoch(runId: number, record: EpochRecord): Run {
      db.transaction(() => {
        putRunEpoch(db, runId, record)
        const epochs = listRunEpochs(db, runId)
        let best: EpochRecord | null = null
        for (const e of epochs)
          if (!best || monitorValue(e.logs) > monitorValue(best.logs)) best = e
        updateRun(db, runId, {
          epochsDone: record.logs.epoch,
          bestEpoch: best?.logs.epoch ?? null,
          bestValAccuracy: best?.logs.valAccuracy ?? null,
        })
      }).immediate()
      return mustGet(runId)
    },

    /** Stores a batch point unless it is within the thinning stride of the last one kept. */
    recordBatch(runId: number, logs: BatchLogs, totalSteps: number): boolean {
      const stride = Math.max(1, Math.floor(totalSteps / MAX_BATCH_POINTS))
      const last = lastStoredStep.get(runId)
      if (last !== undefined && logs.step - last < stride) return false
      putRunBatch(db, runId, logs)
      lastStoredStep.set(runId, logs.step)
      return true
    },

    /**
     * Turns a worker's evaluation into the stored result and per-face predictions (replacing the
     * run's previous rows for those faces), in one transaction.
     */
    recordEvaluation(report: EvaluationReport): EvaluationResult {
      const count = report.faceIds.length
      const { predicted, confidence } = predictionsFromProbabilities(report.probabilities, count)
      const result = evaluationResult({
        runId: report.runId,
        split: report.split,
        ...(report.tta !== undefined ? { tta: report.tta } : {}),
        epoch: report.epoch,
        truth: report.truth,
        predicted,
        loss: report.loss,
      })
      const faces = Array.from(report.faceIds, (id, i) => [id, report.truth[i] as number] as const)
      db.transaction(() => {
        replacePredictions(db, report.runId, {
          faceIds: report.faceIds,
          predicted,
          confidence,
          probabilities: report.probabilities,
        })
        putEvaluation(db, result, faces, now())
      }).immediate()
      return result
    },

    /** Before resuming after `epochsDone` epochs: drop what the lost worker reported past it. */
    rewindTo(runId: number, epochsDone: number, step: number): Run {
      db.transaction(() => {
        deleteRunEpochsAfter(db, runId, epochsDone)
        deleteRunBatchesAfter(db, runId, step)
        updateRun(db, runId, { epochsDone })
      }).immediate()
      lastStoredStep.delete(runId)
      return mustGet(runId)
    },

    detail(runId: number): RunDetail {
      return {
        summary: toRunSummary(mustGet(runId)),
        epochs: listRunEpochs(db, runId),
        batches: listRunBatches(db, runId),
      }
    },
  }
}

export type RunStore = ReturnType<typeof createRunStore>
