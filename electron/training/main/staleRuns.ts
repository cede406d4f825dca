import type { StudioDb } from '../../db/openDatabase'
import { ACTIVE_STATUSES, listRunsWithStatus, type Run, updateRun } from '../../db/queries/runs'
import { isOwnedElsewhere } from './runFolder'

/** Why a stale run became interrupted; `fer-studio train --resume` or the studio continues it. */
export const STALE_RUN_ERROR =
  'The studio or CLI process stopped while this run was training (closed, killed or crashed); resume it to continue'

export type StaleRunDeps = Readonly<{
  /** Whether this process is training the run right now (its own active run is never stale). */
  isTrainingHere: (runId: number) => boolean
  /** Whether a process of this machine is alive (default: signal 0). */
  isAlive?: (pid: number) => boolean
}>

/**
 * The runs recorded as queued, running or paused whose process is gone: not trained by this
 * process, and no live process on this machine owns their folder.
 */
export function findStaleRuns(db: StudioDb, deps: StaleRunDeps): Run[] {
  return listRunsWithStatus(db, ACTIVE_STATUSES).filter(
    (run) => !deps.isTrainingHere(run.id) && !isOwnedElsewhere(run.runDir, deps.isAlive),
  )
}

/**
 * Marks stale runs interrupted (each in one IMMEDIATE transaction that checks its status again,
 * so a run another process just finished keeps its status); returns the runs it marked.
 */
export function interruptStaleRuns(db: StudioDb, deps: StaleRunDeps & { now: number }): Run[] {
  const marked: Run[] = []
  for (const run of findStaleRuns(db, deps)) {
    const changed = db
      .transaction(() => {
        const still = listRunsWithStatus(db, ACTIVE_STATUSES).some((r) => r.id === run.id)
        if (still)
          updateRun(db, run.id, {
            status: 'interrupted',
            finishedAt: deps.now,
            error: STALE_RUN_ERROR,
          })
        return still
      })
      .immediate()
    if (changed)
      marked.push({ ...run, status: 'interrupted', finishedAt: deps.now, error: STALE_RUN_ERROR })
  }
  return marked
}

/** The runs as they really are: stale ones shown interrupted, for a store that cannot be written. */
export function withStaleRunsInterrupted(runs: readonly Run[], stale: readonly Run[]): Run[] {
  const ids = new Set(stale.map((run) => run.id))
  return runs.map((run) =>
    ids.has(run.id) ? { ...run, status: 'interrupted', error: STALE_RUN_ERROR } : run,
  )
}
