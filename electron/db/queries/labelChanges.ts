import type { ExclusionReason } from '../../../shared/domain/exclusion'
import type { LabelChange } from '../../../shared/domain/face'
import type { FaceId } from '../../../shared/domain/ids'
import type { StudioDb } from '../openDatabase'
import { emotionAt } from './faces'

/** A `label_changes` row as SQLite returns it. */
export type LabelChangeRow = {
  id: number
  dataset_id: number
  face_id: number
  batch_id: number
  from_label: number
  to_label: number
  actor: string
  at: number
  kind: LabelChange['kind']
  source: LabelChange['source']
  field: 'label' | 'exclusion'
  from_excluded: ExclusionReason | null
  to_excluded: ExclusionReason | null
}

export type NewLabelChange = Readonly<{
  datasetId: number
  faceId: number
  batchId: number
  from: number
  to: number
  actor: string
  at: number
  kind: LabelChange['kind']
  source: LabelChange['source']
}>

export function toLabelChange(row: LabelChangeRow): LabelChange {
  return {
    id: row.id,
    faceId: row.face_id as FaceId,
    from: emotionAt(row.from_label),
    to: emotionAt(row.to_label),
    actor: row.actor,
    at: row.at,
    batchId: row.batch_id,
    kind: row.kind,
    source: row.source,
    ...(row.field === 'exclusion'
      ? { exclusion: { from: row.from_excluded, to: row.to_excluded } }
      : {}),
  }
}

/**
 * Writes one label change: updates the face's current label and appends the history row. The
 * caller wraps a batch in one transaction.
 */
export function createLabelWriter(db: StudioDb): (change: NewLabelChange) => void {
  const update = db.prepare('UPDATE faces SET label = ? WHERE id = ?')
  const append = db.prepare(
    `INSERT INTO label_changes
       (dataset_id, face_id, batch_id, from_label, to_label, actor, at, kind, source)
     VALUES (@datasetId, @faceId, @batchId, @from, @to, @actor, @at, @kind, @source)`,
  )
  return (change) => {
    update.run(change.to, change.faceId)
    append.run(change)
  }
}

export type NewExclusionChange = Readonly<{
  datasetId: number
  faceId: number
  batchId: number
  /** The face's label, kept as it is: an exclusion row has from = to. */
  label: number
  from: ExclusionReason | null
  to: ExclusionReason | null
  actor: string
  at: number
  kind: LabelChange['kind']
  source: LabelChange['source']
}>

/**
 * Writes one exclusion change (a reason, or null to include the face again): updates the face and
 * appends a history row of field 'exclusion' in the same batch table as relabels, so one undo
 * covers both. The caller wraps a batch in one transaction.
 */
export function createExclusionWriter(db: StudioDb): (change: NewExclusionChange) => void {
  const update = db.prepare('UPDATE faces SET excluded = ? WHERE id = ?')
  const append = db.prepare(
    `INSERT INTO label_changes (dataset_id, face_id, batch_id, from_label, to_label, actor, at,
       kind, source, field, from_excluded, to_excluded)
     VALUES (@datasetId, @faceId, @batchId, @label, @label, @actor, @at, @kind, @source,
       'exclusion', @from, @to)`,
  )
  return (change) => {
    update.run(change.to, change.faceId)
    append.run(change)
  }
}

/** A face's label history, newest first. */
export function faceHistory(db: StudioDb, faceId: number, limit: number): LabelChange[] {
  return db
    .prepare<[number, number], LabelChangeRow>(
      'SELECT * FROM label_changes WHERE face_id = ? ORDER BY id DESC LIMIT ?',
    )
    .all(faceId, limit)
    .map(toLabelChange)
}

/** A dataset's label history, newest first. */
export function datasetHistory(db: StudioDb, datasetId: number, limit: number): LabelChange[] {
  return db
    .prepare<[number, number], LabelChangeRow>(
      'SELECT * FROM label_changes WHERE dataset_id = ? ORDER BY id DESC LIMIT ?',
    )
    .all(datasetId, limit)
    .map(toLabelChange)
}

/** Where a step's changes came from (its first change's source; 'manual' when it has none). */
export function stepSource(db: StudioDb, batchId: number): LabelChange['source'] {
  const row = db
    .prepare<[number], { source: LabelChange['source'] }>(
      'SELECT source FROM label_changes WHERE batch_id = ? ORDER BY id LIMIT 1',
    )
    .get(batchId)
  return row?.source ?? 'manual'
}
