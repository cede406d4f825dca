import type { EpochRecord } from '../../../shared/contract/training'
import { EpochLogs } from '../../../shared/domain/training'
import type { StudioDb } from '../openDatabase'

/** Stores (or replaces) one epoch's logs and validation confusion matrix. */
export function putRunEpoch(db: StudioDb, runId: number, record: EpochRecord): void {
  db.prepare(
    `INSERT OR REPLACE INTO run_epochs (run_id, epoch, logs, confusion) VALUES (?, ?, ?, ?)`,
  ).run(
    runId,
    record.logs.epoch,
    JSON.stringify(record.logs),
    record.confusion === null ? null : JSON.stringify(record.confusion),
  )
}

/** Every stored epoch of a run, in order: what the UI scrubs through. */
export function listRunEpochs(db: StudioDb, runId: number): EpochRecord[] {
  return db
    .prepare<[number], { logs: string; confusion: string | null }>(
      'SELECT logs, confusion FROM run_epochs WHERE run_id = ? ORDER BY epoch',
    )
    .all(runId)
    .map((row) => ({
      logs: EpochLogs.parse(JSON.parse(row.logs)),
      confusion: row.confusion === null ? null : (JSON.parse(row.confusion) as number[][]),
    }))
}

/** Drops epochs after `epoch` (a resumed run redoes them from its checkpoint). */
export function deleteRunEpochsAfter(db: StudioDb, runId: number, epoch: number): void {
  db.prepare('DELETE FROM run_epochs WHERE run_id = ? AND epoch > ?').run(runId, epoch)
}
