import { BatchLogs } from '../../../shared/domain/training'
import type { StudioDb } from '../openDatabase'

/** Stores one per-batch point (the service thins them before calling this). */
export function putRunBatch(db: StudioDb, runId: number, logs: BatchLogs): void {
  db.prepare('INSERT OR REPLACE INTO run_batches (run_id, step, logs) VALUES (?, ?, ?)').run(
    runId,
    logs.step,
    JSON.stringify(logs),
  )
}

/** A run's stored batch points by step. */
export function listRunBatches(db: StudioDb, runId: number): BatchLogs[] {
  return db
    .prepare<[number], { logs: string }>(
      'SELECT logs FROM run_batches WHERE run_id = ? ORDER BY step',
    )
    .all(runId)
    .map((row) => BatchLogs.parse(JSON.parse(row.logs)))
}

/** Drops points after `step` (a resumed run redoes them from its checkpoint). */
export function deleteRunBatchesAfter(db: StudioDb, runId: number, step: number): void {
  db.prepare('DELETE FROM run_batches WHERE run_id = ? AND step > ?').run(runId, step)
}
