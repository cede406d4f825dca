import type { Emit } from '../../../shared/contract'
import { EMOTIONS } from '../../../shared/domain/emotion'
import { classificationReport, formatClassificationReport } from '../../../shared/domain/metrics'
import type { EvaluationResult, RunSummary } from '../../../shared/domain/training'
import { runEpochsText } from '../../../shared/domain/runEpochs'
import { StudioFailure } from '../../../shared/transport/envelope'
import type { StudioDb } from '../../db/openDatabase'
import { getRun, listRuns, type Run } from '../../db/queries/runs'
import type { EvaluationService } from '../../services/evaluationService'
import { guardStorage } from '../../services/storageGuard'
import type { TrainingService } from '../../services/trainingService'
import type { CliIo } from '../cliIo'
import { formatTable } from '../output'
import type { CliStore } from '../storeOptions'

/**
 * A run named on the command line by id or by name (the newest run of that name). An id wins when
 * a run is literally named like a number that is also an id; NOT_FOUND otherwise.
 */
export function findRun(db: StudioDb, idOrName: string): Run {
  if (/^\d+$/.test(idOrName)) {
    const byId = getRun(db, Number(idOrName))
    if (byId) return byId
  }
  const byName = listRuns(db).find((run) => run.name === idOrName)
  if (byName) return byName
  throw new StudioFailure(
    'NOT_FOUND',
    `No run numbered or named '${idOrName}' (see: fer-studio runs)`,
  )
}

/**
 * The training service for one CLI command, training in worker threads of this process. Loaded
 * on demand: it pulls in tfjs, which the other commands should not pay for at startup.
 */
export async function createCliTrainingService(
  store: CliStore,
  io: CliIo,
  options: Readonly<{ emit?: Emit; maxThreads?: number; verbose?: boolean }> = {},
): Promise<TrainingService> {
  const [{ createTrainingService }, { createWorkerThreadHost }] = await Promise.all([
    import('../../services/trainingService'),
    import('../../training/main/workerThreadHost'),
  ])
  return createTrainingService({
    db: store.db,
    dataDir: store.dataDir,
    emit: options.emit ?? (() => undefined),
    // Worker logs (backend picked, faces per epoch) are notes for the curious, not output.
    log: (message) => {
      if (options.verbose) io.err(`${message}\n`)
    },
    createHost: () => createWorkerThreadHost(),
    ...(options.maxThreads === undefined ? {} : { maxThreads: options.maxThreads }),
  })
}

/** The evaluation service on the CLI's store, running its worker in a thread. */
export async function createCliEvaluationService(
  store: CliStore,
  io: CliIo,
  options: Readonly<{ maxThreads?: number; verbose?: boolean }> = {},
): Promise<EvaluationService> {
  const [{ createEvaluationService }, { createWorkerThreadHost }] = await Promise.all([
    import('../../services/evaluationService'),
    import('../../training/main/workerThreadHost'),
  ])
  const service = createEvaluationService({
    db: store.db,
    log: (message) => {
      if (options.verbose) io.err(`${message}\n`)
    },
    createHost: () => createWorkerThreadHost(),
    ...(options.maxThreads === undefined ? {} : { maxThreads: options.maxThreads }),
  })
  // Storage faults (a full disk, a read-only folder) end as DISK_FULL / READ_ONLY, as in the app.
  return { handlers: guardStorage(service.handlers, store.dataDir), close: service.close }
}

/** 0.4567 -> "45.7%". */
export function percent(x: number | null): string {
  return x === null ? '-' : `${(x * 100).toFixed(1)}%`
}

/** 75_000 ms -> "1m15s". */
export function duration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '-'
  const s = Math.round(ms / 1000)
  if (s < 60) return `${s}s`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`
}

/** scikit-learn's classification report of an evaluation, plus its accuracy, loss and matrix. */
export function formatEvaluation(result: EvaluationResult): string {
  const report = classificationReport(result.confusion)
  const matrix = formatTable([
    ['true \\ predicted', ...EMOTIONS],
    ...result.confusion.map((row, i) => [EMOTIONS[i] ?? String(i), ...row]),
  ])
  return [
    `${result.split} split, weights of epoch ${result.epoch ?? '-'}` +
      (result.tta === 'none' ? '' : ` with ${result.tta} test-time augmentation`) +
      `: accuracy ${percent(result.accuracy)}, ` +
      `macro-F1 ${result.macro.f1.toFixed(3)}` +
      (result.loss === null ? '' : `, loss ${result.loss.toFixed(4)}`),
    '',
    formatClassificationReport(report, EMOTIONS),
    '',
    matrix,
  ].join('\n')
}

/** One line per run, newest first. */
export function formatRuns(
  runs: readonly RunSummary[],
  datasetNames: ReadonlyMap<number, string>,
): string {
  if (runs.length === 0) return 'No runs yet (start one with: fer-studio train --dataset <name>)'
  return formatTable([
    ['id', 'name', 'dataset', 'model', 'status', 'epochs', 'best val acc', 'backend', 'time'],
    ...runs.map((run) => [
      run.id,
      run.name,
      datasetNames.get(run.datasetId) ?? String(run.datasetId),
      run.config.model,
      run.status,
      runEpochsText(run),
      run.bestEpoch === null ? '-' : `${percent(run.bestValAccuracy)} (epoch ${run.bestEpoch})`,
      run.backend === null ? '-' : `${run.backend} x${run.threads ?? 1}`,
      run.startedAt === null ? '-' : duration((run.finishedAt ?? Date.now()) - run.startedAt),
    ]),
  ])
}
