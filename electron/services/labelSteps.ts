import type { Emit } from '../../shared/contract'
import type { ExclusionReason } from '../../shared/domain/exclusion'
import type { LabelChange, LabelSource } from '../../shared/domain/face'
import type { DatasetId, FaceId } from '../../shared/domain/ids'
import type { StudioDb } from '../db/openDatabase'
import { emotionAt, getFaceRows } from '../db/queries/faces'
import { deleteLabelBatch, insertLabelBatch } from '../db/queries/labelBatches'
import { createExclusionWriter, createLabelWriter } from '../db/queries/labelChanges'

/** What one step asks for: new labels and new exclusion states (null: included), by face. */
export type StepTargets = Readonly<{
  labels: readonly { faceId: number; to: number }[]
  exclusions: readonly { faceId: number; to: ExclusionReason | null }[]
}>

/** What a step changed: faces whose label or exclusion really changed. */
export type StepApplied = {
  labels: { faceId: number; from: number; to: number }[]
  exclusions: { faceId: number; from: ExclusionReason | null; to: ExclusionReason | null }[]
}

/**
 * Writes a step's label and exclusion changes as one batch in one transaction, skipping faces that
 * already are as asked and faces of another dataset; emits `labels.changed` when anything changed.
 */
export function createStepWriter(
  db: StudioDb,
  emit: Emit,
  now: () => number,
): (
  datasetId: number,
  targets: StepTargets,
  actor: string,
  kind: LabelChange['kind'],
  stepId: number | null,
  /** Where the step came from (an undo or redo keeps its step's). */
  source: LabelSource,
) => StepApplied {
  const writeLabel = createLabelWriter(db)
  const writeExclusion = createExclusionWriter(db)
  return (datasetId, targets, actor, kind, stepId, source) => {
    const applied: StepApplied = { labels: [], exclusions: [] }
    // IMMEDIATE: the write lock is taken (or waited for, up to the busy timeout) before anything
    // is read, so another process's relabel queues behind this one instead of failing, and each
    // change's "from" is the value it really replaces.
    db.transaction(() => {
      const ids = [...targets.labels, ...targets.exclusions].map((t) => t.faceId)
      const rows = getFaceRows(db, ids)
      const at = now()
      const batchId = insertLabelBatch(db, { datasetId, kind, stepId, actor, at })
      for (const target of targets.labels) {
        const row = rows.get(target.faceId)
        // A face of another dataset (or gone with its dataset) is never touched by this one's undo.
        if (!row || row.dataset_id !== datasetId || row.label === target.to) continue
        const change = { faceId: target.faceId, from: row.label, to: target.to }
        writeLabel({ datasetId, batchId, actor, at, kind, source, ...change })
        row.label = target.to
        applied.labels.push(change)
      }
      for (const target of targets.exclusions) {
        const row = rows.get(target.faceId)
        if (!row || row.dataset_id !== datasetId || row.excluded === target.to) continue
        const change = { faceId: target.faceId, from: row.excluded, to: target.to }
        writeExclusion({ datasetId, batchId, actor, at, kind, source, label: row.label, ...change })
        row.excluded = target.to
        applied.exclusions.push(change)
      }
      // A set that changed nothing is no step; an undo or redo that did still moves the stacks.
      const none = applied.labels.length === 0 && applied.exclusions.length === 0
      if (none && kind === 'set') deleteLabelBatch(db, batchId)
    }).immediate()
    if (applied.labels.length > 0 || applied.exclusions.length > 0) {
      emit('labels.changed', {
        datasetId: datasetId as DatasetId,
        changes: applied.labels.map((c) => ({
          faceId: c.faceId as FaceId,
          label: emotionAt(c.to),
        })),
        exclusions: applied.exclusions.map((c) => ({
          faceId: c.faceId as FaceId,
          excluded: c.to,
        })),
      })
      emit('datasets.changed', { datasetId: datasetId as DatasetId })
    }
    return applied
  }
}
