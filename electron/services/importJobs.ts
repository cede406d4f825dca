import crypto from 'node:crypto'

import type { Emit, Parsed } from '../../shared/contract'
import type { ImportPhase } from '../../shared/domain/dataset'
import type { ImportJobId } from '../../shared/domain/ids'
import { toStudioError } from '../../shared/transport/envelope'
import type { StudioDb } from '../db/openDatabase'
import { asStorageFailure } from '../db/storageFaults'
import { importDataset } from '../importers/importDataset'

export type ImportJobsDeps = Readonly<{
  db: StudioDb
  dataDir: string
  emit: Emit
  log: (message: string) => void
}>

export type ImportJobs = Readonly<{
  /** Starts an import in the background and returns its id at once. */
  start(input: Parsed<'datasets.import'>): ImportJobId
  /**
   * Cancels a running import: it ends with `datasets.importFailed` (code CANCELLED) and stores
   * nothing. False when no such import is running (unknown, or already finished).
   */
  cancel(jobId: ImportJobId): boolean
  /** Resolves when no import is running (tests, shutdown). */
  idle(): Promise<void>
}>

/** Progress events are throttled to this interval per job; phase changes always go out. */
export const PROGRESS_INTERVAL_MS = 100

/**
 * Background imports for the contract's `datasets.import`: each job runs `importDataset` and
 * reports through events (`datasets.importProgressed`, then `datasets.importFinished` and
 * `datasets.changed`, or `datasets.importFailed` with the error as data).
 */
export function createImportJobs(deps: ImportJobsDeps): ImportJobs {
  const running = new Set<Promise<void>>()
  const controllers = new Map<ImportJobId, AbortController>()

  const run = async (
    jobId: ImportJobId,
    input: Parsed<'datasets.import'>,
    signal: AbortSignal,
  ): Promise<void> => {
    let lastPhase: ImportPhase | null = null
    let lastAt = 0
    const onProgress = (
      phase: ImportPhase,
      done: number,
      total: number | null,
      fraction?: number,
    ): void => {
      const now = Date.now()
      if (phase === lastPhase && now - lastAt < PROGRESS_INTERVAL_MS) return
      lastPhase = phase
      lastAt = now
      const share = total === null ? (fraction ?? null) : null
      deps.emit('datasets.importProgressed', { jobId, phase, done, total, fraction: share })
    }
    try {
      const report = await importDataset(
        { db: deps.db, dataDir: deps.dataDir },
        {
          path: input.path,
          name: input.name,
          format: input.format,
          skipBad: input.skipBad,
          faceSize: input.faceSize,
          onProgress,
          signal,
        },
      )
      deps.emit('datasets.importFinished', { jobId, report })
      deps.emit('datasets.changed', { datasetId: report.datasetId })
    } catch (err) {
      // A full disk or a read-only folder is said so, as the handlers say it.
      const error = toStudioError(asStorageFailure(err, deps.dataDir), deps.log)
      deps.emit('datasets.importFailed', { jobId, error })
    }
  }

  return {
    start(input) {
      const jobId = `import-${crypto.randomUUID()}` as ImportJobId
      const controller = new AbortController()
      controllers.set(jobId, controller)
      const job = run(jobId, input, controller.signal).finally(() => {
        running.delete(job)
        controllers.delete(jobId)
      })
      running.add(job)
      return jobId
    },
    cancel(jobId) {
      const controller = controllers.get(jobId)
      if (controller === undefined || controller.signal.aborted) return false
      controller.abort()
      return true
    },
    async idle() {
      while (running.size > 0) await Promise.all([...running])
    },
  }
}
