import { rmSync } from 'node:fs'
import path from 'node:path'

import type { Emit, Handlers } from '../../shared/contract'
import type { trainingMethods } from '../../shared/contract/training'
import type { Split } from '../../shared/domain/split'
import type { TrainingConfig } from '../../shared/domain/training'
import { needsFerPlusVotes } from '../../shared/domain/recipeLoss'
import { StudioFailure } from '../../shared/transport/envelope'
import type { StudioDb } from '../db/openDatabase'
import { countFaces, getDataset } from '../db/queries/datasets'
import {
  ACTIVE_STATUSES,
  deleteRun,
  listRuns,
  listRunsWithStatus,
  type Run,
  toRunSummary,
} from '../db/queries/runs'
import { exportModelWithCard } from '../training/main/modelCard/exportWithCard'
import type { CreateTrainerHost } from '../training/main/host'
import { getModelDefinition, listModelPresets } from '../training/common/models/registry'
import { createRunStore } from '../training/main/runStore'
import { removeOrphanPendingRunDirs } from '../training/main/runFolder'
import { createRunWithSnapshot, prepareResume } from '../training/main/runPreparation'
import { interruptStaleRuns } from '../training/main/staleRuns'
import { createTrainerSupervisor } from '../training/main/trainerSupervisor'
import { RUNS_DIR } from './dataDir'
import { findAppVersion } from './appService'
import { guardStorage } from './storageGuard'

export type TrainingHandlers = Pick<Handlers, keyof typeof trainingMethods>

export type TrainingServiceDeps = Readonly<{
  db: StudioDb
  dataDir: string
  emit: Emit
  log: (message: string) => void
  /** Starts a training worker (worker thread, or Electron utility process in the app). */
  createHost: CreateTrainerHost
  /** Most compute threads a run may use (default one per core). */
  maxThreads?: number
  now?: () => number
  /** The app version model cards name (default: package.json's). */
  appVersion?: string
}>

/**
 * The training domain: runs in workers (one at a time), their persistence, events and export
 * (evaluation and balance have services of their own). Also returns `whenSettled` (the CLI waits
 * on it) and `close` (kills a running worker; its run becomes interrupted, resumable).
 *
 * At creation, runs a previous process left running or paused become interrupted, unless another
 * live process on this machine is training them.
 */
export function createTrainingService(deps: TrainingServiceDeps) {
  const { db, emit, log } = deps
  const now = deps.now ?? Date.now
  const store = createRunStore(db, now)
  const maxThreads = deps.maxThreads ?? null
  const supervisor = createTrainerSupervisor({
    store,
    emit,
    log,
    createHost: deps.createHost,
    maxThreads,
  })

  const emitStatus = (run: Run) =>
    emit('training.statusChanged', {
      runId: run.id,
      status: run.status,
      summary: toRunSummary(run),
    })

  /**
   * Runs left queued, running or paused by a process that is gone (closed, killed) become
   * interrupted: at creation, and whenever runs are listed or a run is about to start.
   */
  const interruptStale = () => {
    const marked = interruptStaleRuns(db, {
      now: now(),
      isTrainingHere: (runId) => supervisor.activeRunId === runId,
    })
    for (const run of marked) emitStatus(run)
  }
  interruptStale()
  removeOrphanPendingRunDirs(path.join(deps.dataDir, RUNS_DIR))

  const findRun = (runId: number): Run => {
    const run = store.get(runId)
    if (!run) throw new StudioFailure('NOT_FOUND', `Run ${runId} does not exist`)
    return run
  }
  const requireIdle = () => {
    interruptStale()
    const busy = supervisor.activeRunId ?? listRunsWithStatus(db, ACTIVE_STATUSES)[0]?.id
    if (busy !== undefined && busy !== null) {
      throw new StudioFailure(
        'CONFLICT',
        `Run ${busy} is training; cancel it or wait for it to finish`,
      )
    }
  }
  const requireDataset = (datasetId: number) => {
    const dataset = getDataset(db, datasetId)
    if (!dataset) throw new StudioFailure('NOT_FOUND', `Dataset ${datasetId} does not exist`)
    return dataset
  }
  const preparation = { db, store, runsDir: path.join(deps.dataDir, RUNS_DIR) }
  const splitTotal = (datasetId: number, split: Split) =>
    countFaces(db, datasetId as never)[split].reduce((a, b) => a + b, 0)

  /**
   * Starts a run on the snapshot `writeSnapshot` writes (default: the dataset as it is now; a
   * suspects fold writes the faces it trains and predicts on).
   */
  const startRun = (
    datasetId: number,
    config: TrainingConfig,
    name: string | null,
    writeSnapshot?: (file: string) => void,
  ): Run => {
    const dataset = requireDataset(datasetId)
    if (needsFerPlusVotes(config) && !dataset.hasFerPlus) {
      throw new StudioFailure(
        'INVALID_INPUT',
        `Dataset '${dataset.name}' has no FER+ votes, which --targets ferplus and --drop-not-a-face ` +
          'need (attach them: fer-studio attach-ferplus, or the Library\'s "FER+ votes…")',
      )
    }
    try {
      getModelDefinition(config.model)
    } catch (err) {
      throw new StudioFailure('INVALID_INPUT', (err as Error).message)
    }
    const faceSize = requireDataset(datasetId).faceSize
    if (config.crop !== null && config.crop >= faceSize) {
      throw new StudioFailure(
        'INVALID_INPUT',
        `A ${config.crop}px crop must be smaller than dataset ${datasetId}'s ${faceSize}px faces`,
      )
    }
    requireIdle()
    if (splitTotal(datasetId, 'train') === 0) {
      throw new StudioFailure('INVALID_INPUT', `Dataset ${datasetId} has no train faces`)
    }
    const run = createRunWithSnapshot(preparation, { datasetId, name, config }, writeSnapshot)
    try {
      supervisor.launch(run, null)
    } catch (err) {
      emitStatus(store.finish(run.id, 'failed', (err as Error).message))
      throw err
    }
    emitStatus(run)
    return run
  }

  const handlers: TrainingHandlers = {
    'training.models': () => Promise.resolve(listModelPresets()),

    async 'training.start'({ datasetId, config, name }) {
      return toRunSummary(startRun(datasetId, config, name ?? null))
    },

    async 'training.pause'({ runId }) {
      const run = findRun(runId)
      if (run.status === 'paused') return toRunSummary(run)
      if (!supervisor.control(runId, 'pause')) {
        throw new StudioFailure('CONFLICT', `Run ${runId} is ${run.status}, not training`)
      }
      return toRunSummary(findRun(runId))
    },

    async 'training.resume'({ runId }) {
      const run = findRun(runId)
      if (supervisor.control(runId, 'resume')) return toRunSummary(findRun(runId))
      if (run.status !== 'interrupted') {
        throw new StudioFailure(
          'CONFLICT',
          `Run ${runId} is ${run.status}; only paused or interrupted runs resume`,
        )
      }
      requireIdle()
      requireDataset(run.datasetId)
      const { run: queued, checkpoint } = await prepareResume(preparation, run)
      // The thread count it trained with, unless this process was given its own.
      supervisor.launch(queued, checkpoint, {
        maxThreads: deps.maxThreads ?? run.threads ?? null,
      })
      emitStatus(queued)
      return toRunSummary(queued)
    },

    async 'training.cancel'({ runId }) {
      const run = findRun(runId)
      if (supervisor.control(runId, 'cancel')) return toRunSummary(findRun(runId))
      if (run.status === 'interrupted' || run.status === 'queued') {
        const cancelled = store.finish(runId, 'cancelled', run.error)
        emitStatus(cancelled)
        return toRunSummary(cancelled)
      }
      if (run.status === 'running' || run.status === 'paused') {
        throw new StudioFailure('CONFLICT', `Run ${runId} is training in another studio process`)
      }
      return toRunSummary(run)
    },

    async 'training.listRuns'({ datasetId }) {
      interruptStale()
      return listRuns(db, datasetId).map(toRunSummary)
    },

    async 'training.getRun'({ runId }) {
      findRun(runId)
      return store.detail(runId)
    },

    async 'training.deleteRun'({ runId }) {
      const run = findRun(runId)
      if (
        supervisor.activeRunId === runId ||
        (ACTIVE_STATUSES as readonly string[]).includes(run.status)
      ) {
        throw new StudioFailure('CONFLICT', `Run ${runId} is training; cancel it first`)
      }
      deleteRun(db, runId)
      if (run.runDir !== null) rmSync(run.runDir, { recursive: true, force: true })
      return {}
    },

    async 'training.exportModel'({ runId, format, outDir }) {
      return exportModelWithCard(
        { db, now, appVersion: deps.appVersion ?? findAppVersion() },
        findRun(runId),
        outDir,
        format,
      )
    },
  }

  return {
    // Guarded here too, for the CLI, which calls these handlers without createServices.
    handlers: guardStorage(handlers, deps.dataDir),
    startRun,
    /** Resolves once the run is completed, cancelled, failed or interrupted. */
    whenSettled: (runId: number) => supervisor.whenSettled(runId),
    /** The fault (a full disk, a read-only folder) that stopped a run here, if one did. */
    faultOf: (runId: number) => supervisor.faultOf(runId),
    get activeRunId() {
      return supervisor.activeRunId
    },
    async close(): Promise<void> {
      await supervisor.close()
    },
  }
}

export type TrainingService = ReturnType<typeof createTrainingService>

/**
 * The training handlers for the composition root (createServices), plus `close`, which kills a
 * running worker (the run becomes interrupted and resumable).
 */
export function createTrainingHandlers(
  deps: TrainingServiceDeps,
): TrainingHandlers & { close(): Promise<void> } {
  const service = createTrainingService(deps)
  return { ...service.handlers, close: () => service.close() }
}
