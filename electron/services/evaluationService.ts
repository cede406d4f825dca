import { existsSync, rmSync } from 'node:fs'
import path from 'node:path'

import type { Handlers } from '../../shared/contract'
import type { evaluationMethods } from '../../shared/contract/evaluation'
import { emotionIndex } from '../../shared/domain/emotion'
import { recommendedTta } from '../../shared/domain/recommendedTta'
import type { FaceId } from '../../shared/domain/ids'
import { StudioFailure } from '../../shared/transport/envelope'
import type { StudioDb } from '../db/openDatabase'
import { countFaces, getDataset } from '../db/queries/datasets'
import {
  countChangedSinceEvaluation,
  evaluationCellFaces,
  getEvaluation,
} from '../db/queries/runEvaluations'
import { getRun, type Run } from '../db/queries/runs'
import { createEvaluationRunner } from '../training/main/evaluationRunner'
import type { CreateTrainerHost } from '../training/main/host'
import { runFiles } from '../training/common/protocol'
import { createRunStore } from '../training/main/runStore'
import { writeDatasetSnapshot } from '../training/common/snapshot'

export type EvaluationHandlers = Pick<Handlers, keyof typeof evaluationMethods>

export type EvaluationServiceDeps = Readonly<{
  db: StudioDb
  log: (message: string) => void
  /** Starts a worker for the evaluation (worker thread, or Electron utility process). */
  createHost: CreateTrainerHost
  /** Most compute threads an evaluation may use (default one per core). */
  maxThreads?: number
  now?: () => number
}>

/**
 * The evaluation domain: a run's best weights measured on a split in a worker (current labels,
 * or the run's holdout), the stored results, and the faces behind a confusion-matrix cell.
 * `close` kills a running evaluation's worker.
 */
export function createEvaluationService(deps: EvaluationServiceDeps) {
  const { db, log } = deps
  const now = deps.now ?? Date.now
  const store = createRunStore(db, now)
  const runner = createEvaluationRunner({
    createHost: deps.createHost,
    store,
    log,
    maxThreads: deps.maxThreads ?? null,
  })

  const findRun = (runId: number): Run => {
    const run = getRun(db, runId)
    if (!run) throw new StudioFailure('NOT_FOUND', `Run ${runId} does not exist`)
    return run
  }

  const handlers: EvaluationHandlers = {
    async 'evaluation.run'({ runId, split, tta: asked }) {
      const run = findRun(runId)
      const tta = asked ?? recommendedTta(run.config)
      const files = run.runDir === null ? null : runFiles(run.runDir)
      if (files === null || !existsSync(files.best)) {
        throw new StudioFailure(
          'CONFLICT',
          `Run ${runId} has no trained weights yet (no epoch finished)`,
        )
      }
      if (tta === 'ten-crop' && run.config.crop === null) {
        throw new StudioFailure(
          'INVALID_INPUT',
          `Run ${runId} was trained on whole faces, not random crops: ten-crop averages crops ` +
            `of a model trained on crops (train with --crop); use none or flip`,
        )
      }
      if (!getDataset(db, run.datasetId)) {
        throw new StudioFailure('NOT_FOUND', `Dataset ${run.datasetId} does not exist`)
      }
      let snapshotPath = files.snapshot
      let temporary: string | null = null
      if (countFaces(db, run.datasetId)[split].reduce((a, b) => a + b, 0) > 0) {
        // Current labels: an evaluation answers "how does the model do on the data as it is now".
        temporary = path.join(run.runDir as string, `evaluate-${split}-${now()}.bin`)
        writeDatasetSnapshot(db, run.datasetId, temporary, { splits: [split] })
        snapshotPath = temporary
      } else if (split !== 'validation' || !existsSync(files.snapshot)) {
        // 'validation' without stored validation faces means the run's holdout, from its snapshot.
        throw new StudioFailure('INVALID_INPUT', `Dataset ${run.datasetId} has no ${split} faces`)
      }
      try {
        return await runner.evaluate({
          runId,
          runDir: run.runDir as string,
          snapshotPath,
          split,
          tta,
          config: run.config,
        })
      } finally {
        if (temporary !== null) rmSync(temporary, { force: true })
      }
    },

    async 'evaluation.get'({ runId, split }) {
      findRun(runId)
      return getEvaluation(db, runId, split)
    },

    async 'evaluation.cellFaces'({ runId, split, truth, predicted }) {
      findRun(runId)
      return evaluationCellFaces(
        db,
        runId,
        split,
        emotionIndex(truth),
        emotionIndex(predicted),
      ) as FaceId[]
    },

    async 'evaluation.changes'({ runId, split }) {
      const run = findRun(runId)
      return { changedFaces: countChangedSinceEvaluation(db, runId, split, run.datasetId) }
    },
  }

  return { handlers, close: () => runner.close() }
}

export type EvaluationService = ReturnType<typeof createEvaluationService>
