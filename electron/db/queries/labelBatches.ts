import type { ExclusionReason } from '../../../shared/domain/exclusion'
import type { LabelChange } from '../../../shared/domain/face'
import type { StudioDb } from '../openDatabase'

/**
 * Undo and redo, derived from the stored label batches (no stack is kept anywhere). Each batch
 * names its step: the 'set' batch that a later 'undo' or 'redo' batch undoes or redoes. A step is
 * applied when its latest batch is a set or a redo, undone when it is an undo. Undo takes the
 * applied step touched last; redo the undone step touched last, unless a new step was set since
 * it was undone (a new change clears redo, as in every editor). This is exactly the pair of
 * stacks the studio used to keep in memory, rebuilt from SQLite, so it survives a restart and
 * every process sees the same one.
 */
export type UndoTargets = Readonly<{ undo: number | null; redo: number | null }>

type LastBatch = { step_id: number; kind: LabelChange['kind']; id: number }

export function undoTargets(db: StudioDb, datasetId: number): UndoTargets {
  const rows = db
    .prepare<[number], LastBatch>(
      `SELECT b.step_id, b.kind, b.id
       FROM (SELECT step_id, MAX(id) AS last_id FROM label_batches WHERE dataset_id = ?
             GROUP BY step_id) AS last
       JOIN label_batches b ON b.id = last.last_id
       ORDER BY b.id DESC`,
    )
    .all(datasetId)
  const lastSet =
    db
      .prepare<[number], { id: number | null }>(
        "SELECT MAX(id) AS id FROM label_batches WHERE dataset_id = ? AND kind = 'set'",
      )
      .get(datasetId)?.id ?? 0
  const undo = rows.find((r) => r.kind !== 'undo')
  const redo = rows.find((r) => r.kind === 'undo' && r.id > lastSet)
  return { undo: undo?.step_id ?? null, redo: redo?.step_id ?? null }
}

/** Starts a batch (call inside the transaction that writes its changes); returns its id. */
export function insertLabelBatch(
  db: StudioDb,
  batch: Readonly<{
    datasetId: number
    kind: LabelChange['kind']
    /** The step it undoes or redoes; null for a new step (a 'set' is its own step). */
    stepId: number | null
    actor: string
    at: number
  }>,
): number {
  const id = Number(
    db
      .prepare(
        `INSERT INTO label_batches (dataset_id, kind, step_id, actor, at)
         VALUES (?, ?, COALESCE(?, -1), ?, ?)`,
      )
      .run(batch.datasetId, batch.kind, batch.stepId, batch.actor, batch.at).lastInsertRowid,
  )
  if (batch.stepId === null)
    db.prepare('UPDATE label_batches SET step_id = id WHERE id = ?').run(id)
  return id
}

/** One change of a step: a relabel, or an exclusion (reasons before and after, null: included). */
export type StepChange =
  | { field: 'label'; faceId: number; from: number; to: number }
  | { field: 'exclusion'; faceId: number; from: ExclusionReason | null; to: ExclusionReason | null }

type StepRow = {
  field: 'label' | 'exclusion'
  faceId: number
  fromLabel: number
  toLabel: number
  fromExcluded: ExclusionReason | null
  toExcluded: ExclusionReason | null
}

/** The faces a step changed, with the labels or exclusions before and after it, and who made it. */
export function stepChanges(
  db: StudioDb,
  stepId: number,
): { actor: string; changes: StepChange[] } {
  const actor =
    db
      .prepare<[number], { actor: string }>('SELECT actor FROM label_batches WHERE id = ?')
      .get(stepId)?.actor ?? 'studio'
  const changes = db
    .prepare<[number], StepRow>(
      `SELECT field, face_id AS faceId, from_label AS fromLabel, to_label AS toLabel,
              from_excluded AS fromExcluded, to_excluded AS toExcluded
       FROM label_changes WHERE batch_id = ? ORDER BY id`,
    )
    .all(stepId)
    .map((row): StepChange =>
      row.field === 'exclusion'
        ? { field: 'exclusion', faceId: row.faceId, from: row.fromExcluded, to: row.toExcluded }
        : { field: 'label', faceId: row.faceId, from: row.fromLabel, to: row.toLabel },
    )
  return { actor, changes }
}

/** Drops a batch that turned out to change nothing (a set of labels the faces already had). */
export function deleteLabelBatch(db: StudioDb, id: number): void {
  db.prepare('DELETE FROM label_batches WHERE id = ?').run(id)
}
