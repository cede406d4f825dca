import type { Emit } from '../../../shared/contract'
import type { RunStatus } from '../../../shared/domain/training'
import { assertNever, type ErrorCode, type StudioError } from '../../../shared/transport/envelope'
import { type Run, toRunSummary } from '../../db/queries/runs'

import type { CreateTrainerHost, TrainerHost, WorkerExit } from './host'
import {
  createSequencer,
  type FromWorker,
  runFiles,
  type ToWorker,
  type Unsequenced,
} from '../common/protocol'
import { writeRunOwner } from './runFolder'
import type { RunStore } from './runStore'
import { expectedTotalSteps } from './expectedSteps'

/** How long a worker gets to exit after `shutdown` before it is terminated. */
const SHUTDOWN_GRACE_MS = 10_000

/** Failures of the machine, not of the run: the run becomes interrupted, to resume later. */
const FAULT_CODES: readonly ErrorCode[] = ['DISK_FULL', 'READ_ONLY']

/** Statuses a run does not leave on its own. */
export const SETTLED_STATUSES: readonly RunStatus[] = [
  'completed',
  'cancelled',
  'failed',
  'interrupted',
]

type ActiveRun = {
  runId: number
  host: TrainerHost
  send: (message: ToWorkerBody) => void
  /** epochs x batches per epoch, known from the first batch report; for thinning batch points. */
  totalSteps: number
}

type ToWorkerBody = Unsequenced<ToWorker>

export type SupervisorDeps = Readonly<{
  store: RunStore
  emit: Emit
  log: (message: string) => void
  createHost: CreateTrainerHost
  /** Most compute threads a worker's engine may use; null = one per core. */
  maxThreads: number | null
}>

/**
 * Main's side of a run: starts a worker for it, persists and re-emits what the worker reports,
 * routes pause/resume/cancel, and turns a worker that dies mid-run into an `interrupted` run (its
 * checkpoint lets `training.resume` continue it). One run at a time per process.
 */
export function createTrainerSupervisor(deps: SupervisorDeps) {
  const { store, emit, log } = deps
  let active: ActiveRun | null = null
  const settledListeners = new Map<number, Array<(run: Run) => void>>()
  const faults = new Map<number, StudioError>()

  const emitStatus = (run: Run) => {
    emit('training.statusChanged', {
      runId: run.id,
      status: run.status,
      summary: toRunSummary(run),
    })
    if (SETTLED_STATUSES.includes(run.status)) {
      const listeners = settledListeners.get(run.id) ?? []
      settledListeners.delete(run.id)
      for (const listener of listeners) listener(run)
    }
  }

  /**
   * Records how a run ended. When that cannot be written (a full disk), the run still ends in
   * this process, with the status it should have; the store keeps it as running until a later
   * start finds its process gone and marks it interrupted.
   */
  const settle = (
    runId: number,
    status: RunStatus,
    error: string | null,
    patch: Readonly<{ epochsDone?: number }> = {},
  ): Run => {
    try {
      if (patch.epochsDone !== undefined) store.update(runId, { epochsDone: patch.epochsDone })
      return store.finish(runId, status, error)
    } catch (err) {
      log(`[trainer ${runId}] could not record the run as ${status}: ${String(err)}`)
      return { ...store.mustGet(runId), status, error }
    }
  }

  /** Lets the worker wind down; it is no longer the active run's. */
  const release = (current: ActiveRun, graceful: boolean) => {
    if (active === current) active = null
    if (!graceful) {
      void current.host.terminate()
      return
    }
    current.send({ type: 'shutdown' })
    const timer = setTimeout(() => void current.host.terminate(), SHUTDOWN_GRACE_MS)
    timer.unref()
    current.host.onExit(() => clearTimeout(timer))
  }

  const handle = (current: ActiveRun, message: FromWorker) => {
    const { runId } = current
    switch (message.type) {
      case 'ready':
      case 'probed':
        return
      case 'log':
        log(`[trainer ${runId}] ${message.message}`)
        return
      case 'statusChanged': {
        if (active !== current) return
        const run =
          message.status === 'running'
            ? store.markRunning(runId, message.backend, message.threads)
            : store.update(runId, { status: 'paused' })
        emitStatus(run)
        return
      }
      case 'batchEnded':
        current.totalSteps = expectedTotalSteps(store.mustGet(runId).config, message.logs)
        store.recordBatch(runId, message.logs, current.totalSteps)
        emit('training.batchEnded', { runId: runId as Run['id'], logs: message.logs })
        return
      case 'epochEnded': {
        const record = { logs: message.logs, confusion: message.confusion }
        store.recordEpoch(runId, record)
        emit('training.epochEnded', { runId: runId as Run['id'], record })
        return
      }
      case 'evaluated':
        store.recordEvaluation(message)
        return
      case 'epochSamples':
        store.recordEpochSamples(runId, message)
        return
      case 'finished': {
        const run = settle(
          runId,
          message.outcome === 'cancelled' ? 'cancelled' : 'completed',
          null,
          {
            epochsDone: message.epochsDone,
          },
        )
        release(current, true)
        emitStatus(run)
        return
      }
      case 'failed': {
        // A full disk or a read-only folder is nothing wrong with the run: once fixed, it resumes
        // from its last checkpoint (written through a temporary file, so still whole).
        const fault = FAULT_CODES.includes(message.error.code)
        if (fault) faults.set(runId, message.error)
        const run = settle(runId, fault ? 'interrupted' : 'failed', message.error.message)
        release(current, false)
        emit('training.failed', { runId: runId as Run['id'], error: message.error })
        emitStatus(run)
        return
      }
      default:
        assertNever(message)
    }
  }

  const onExit = (current: ActiveRun, exit: WorkerExit) => {
    if (active !== current) return
    active = null
    const why = exit.error ? exit.error.message : `exit code ${exit.code ?? 'none'}`
    log(`[trainer ${current.runId}] worker stopped mid-run (${why})`)
    emitStatus(
      settle(current.runId, 'interrupted', `The training worker stopped unexpectedly (${why})`),
    )
  }

  return {
    /** The fault (DISK_FULL, READ_ONLY) that stopped a run in this process, if one did. */
    faultOf(runId: number): StudioError | null {
      return faults.get(runId) ?? null
    },

    /** The run this process is training, or null. */
    get activeRunId(): number | null {
      return active?.runId ?? null
    },

    /**
     * Starts a worker on a run whose snapshot is written; `resumeFrom` is its checkpoint when
     * continuing an interrupted run, `maxThreads` overrides the supervisor's for this run.
     */
    launch(
      run: Run,
      resumeFrom: string | null,
      options: Readonly<{ maxThreads?: number | null }> = {},
    ): void {
      if (active) throw new Error(`Run ${active.runId} is already training`)
      if (run.runDir === null) throw new Error(`Run ${run.id} has no folder`)
      const files = runFiles(run.runDir)
      writeRunOwner(run.runDir)
      const host = deps.createHost()
      const stamp = createSequencer<ToWorker>()
      const current: ActiveRun = {
        runId: run.id,
        host,
        send: (message) => host.post(stamp(message)),
        totalSteps: run.config.epochs,
      }
      active = current
      host.onMessage((message) => {
        try {
          handle(current, message)
        } catch (err) {
          log(`[trainer ${run.id}] could not handle '${message.type}': ${String(err)}`)
        }
      })
      host.onExit((exit) => onExit(current, exit))
      current.send({
        type: 'start',
        runId: run.id,
        snapshotPath: files.snapshot,
        runDir: run.runDir,
        config: run.config,
        resumeFrom,
        maxThreads: options.maxThreads === undefined ? deps.maxThreads : options.maxThreads,
      })
    },

    /** Forwards pause/resume/cancel to the run's worker; false when it is not this process's. */
    control(runId: number, type: 'pause' | 'resume' | 'cancel'): boolean {
      if (active?.runId !== runId) return false
      active.send({ type, runId })
      return true
    },

    /** Resolves with the run once it is completed, cancelled, failed or interrupted. */
    whenSettled(runId: number): Promise<Run> {
      const run = store.get(runId)
      if (run && SETTLED_STATUSES.includes(run.status)) return Promise.resolve(run)
      return new Promise((resolve) => {
        const list = settledListeners.get(runId) ?? []
        list.push(resolve)
        settledListeners.set(runId, list)
      })
    },

    /** Kills the worker now; its run becomes interrupted (and resumable). */
    async close(): Promise<void> {
      const current = active
      if (!current) return
      active = null
      await current.host.terminate()
      emitStatus(
        settle(current.runId, 'interrupted', 'The studio closed while this run was training'),
      )
    },
  }
}

export type TrainerSupervisor = ReturnType<typeof createTrainerSupervisor>
