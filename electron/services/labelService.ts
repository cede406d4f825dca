import type { Emit, Handlers } from '../../shared/contract'
import type { labelMethods } from '../../shared/contract/labels'
import { emotionIndex } from '../../shared/domain/emotion'
import type { Emotion } from '../../shared/domain/emotion'
import type { LabelChange, LabelSource } from '../../shared/domain/face'
import type { DatasetId, FaceId } from '../../shared/domain/ids'
import { StudioFailure } from '../../shared/transport/envelope'
import type { StudioDb } from '../db/openDatabase'
import { emotionAt, getFaceRows } from '../db/queries/faces'
import {
  deleteLabelBatch,
  insertLabelBatch,
  stepChanges,
  undoTargets,
} from '../db/queries/labelBatches'
import {
  createLabelWriter,
  datasetHistory,
  faceHistory,
  stepSource,
} from '../db/queries/labelChanges'
import { requireDataset } from './datasetService'

export type LabelServiceDeps = Readonly<{
  db: StudioDb
  dataDir: string
  emit: Emit
  log: (message: string) => void
  now?: () => number
}>

type FaceChange = Readonly<{ faceId: number; from: number; to: number }>

type UndoResult = Readonly<{
  changes: { faceId: FaceId; label: Emotion }[]
  canUndo: boolean
  canRedo: boolean
}>

/**
 * The labels.* handlers. Every change is saved at once, in one transaction per step, and appended
 * to `label_changes` (who, when, from, to, batch); undo and redo are new history rows of kind
 * 'undo'/'redo', never deletions. What can be undone or redone is derived from those batches
 * (db/queries/labelBatches.ts), so it survives a restart and every process sees the same.
 */
export function createLabelHandlers(
  deps: LabelServiceDeps,
): Pick<Handlers, keyof typeof labelMethods> {
  const { db, emit } = deps
  const now = deps.now ?? Date.now
  const write = createLabelWriter(db)
  /** Writes label changes as one batch; returns the faces whose label changed. */
  const apply = (
    datasetId: number,
    targets: readonly { faceId: number; to: number }[],
    actor: string,
    kind: LabelChange['kind'],
    /** The step an undo or redo undoes or redoes; null for a new step. */
    stepId: number | null,
    /** Where the step came from (an undo or redo keeps its step's). */
    source: LabelSource,
  ): FaceChange[] => {
    const applied: FaceChange[] = []
    // IMMEDIATE: the write lock is taken (or waited for, up to the busy timeout) before anything
    // is read, so another process's relabel queues behind this one instead of failing, and each
    // change's "from" is the label it really replaces.
    db.transaction(() => {
      const rows = getFaceRows(
        db,
        targets.map((t) => t.faceId),
      )
      const at = now()
      const batchId = insertLabelBatch(db, { datasetId, kind, stepId, actor, at })
      for (const target of targets) {
        const row = rows.get(target.faceId)
        // A face of another dataset (or gone with its dataset) is never touched by this one's undo.
        if (!row || row.dataset_id !== datasetId || row.label === target.to) continue
        write({
          datasetId,
          faceId: target.faceId,
          batchId,
          from: row.label,
          to: target.to,
          actor,
          at,
          kind,
          source,
        })
        applied.push({ faceId: target.faceId, from: row.label, to: target.to })
      }
      // A set that changed nothing is no step; an undo or redo that did still moves the stacks.
      if (applied.length === 0 && kind === 'set') deleteLabelBatch(db, batchId)
    }).immediate()
    if (applied.length > 0) {
      const changes = applied.map((c) => ({ faceId: c.faceId as FaceId, label: emotionAt(c.to) }))
      emit('labels.changed', { datasetId: datasetId as DatasetId, changes })
      emit('datasets.changed', { datasetId: datasetId as DatasetId })
    }
    return applied
  }

  const result = (datasetId: number, changes: readonly FaceChange[]): UndoResult => {
    const targets = undoTargets(db, datasetId)
    return {
      changes: changes.map((c) => ({ faceId: c.faceId as FaceId, label: emotionAt(c.to) })),
      canUndo: targets.undo !== null,
      canRedo: targets.redo !== null,
    }
  }

  /** Undoes or redoes the step the stored batches say is next; nothing when there is none. */
  const replay = (datasetId: number, kind: 'undo' | 'redo'): UndoResult => {
    requireDataset(db, datasetId)
    const stepId = undoTargets(db, datasetId)[kind]
    if (stepId === null) return result(datasetId, [])
    const step = stepChanges(db, stepId)
    const targets = step.changes.map((c) => ({
      faceId: c.faceId,
      to: kind === 'undo' ? c.from : c.to,
    }))
    const source = stepSource(db, stepId)
    return result(datasetId, apply(datasetId, targets, step.actor, kind, stepId, source))
  }

  /** One undoable step setting each face to its target (the first target of a face wins). */
  const setLabels = (
    targets: readonly { faceId: number; to: number }[],
    actor: string,
    source: LabelSource,
  ): UndoResult => {
    const byFace = new Map<number, number>()
    for (const t of targets) if (!byFace.has(t.faceId)) byFace.set(t.faceId, t.to)
    const unique = [...byFace.keys()]
    const rows = getFaceRows(db, unique)
    const missing = unique.find((id) => !rows.has(id))
    if (missing !== undefined)
      throw new StudioFailure('NOT_FOUND', `Face ${missing} does not exist`)
    const datasetIds = new Set([...rows.values()].map((row) => row.dataset_id))
    if (datasetIds.size > 1) {
      throw new StudioFailure(
        'INVALID_INPUT',
        `labels.set takes faces of one dataset; these span ${[...datasetIds].join(', ')}`,
      )
    }
    const datasetId = [...datasetIds][0] as number
    requireDataset(db, datasetId)
    const applied = apply(
      datasetId,
      unique.map((faceId) => ({ faceId, to: byFace.get(faceId) as number })),
      actor,
      'set',
      null,
      source,
    )
    return result(datasetId, applied)
  }

  return {
    async 'labels.set'({ faceIds, label, actor }) {
      const to = emotionIndex(label)
      return setLabels(
        faceIds.map((faceId) => ({ faceId, to })),
        actor,
        'manual',
      )
    },

    async 'labels.setEach'({ changes, actor, source }) {
      return setLabels(
        changes.map((c) => ({ faceId: c.faceId, to: emotionIndex(c.label) })),
        actor,
        source,
      )
    },

    async 'labels.undo'({ datasetId }) {
      return replay(datasetId, 'undo')
    },

    async 'labels.redo'({ datasetId }) {
      return replay(datasetId, 'redo')
    },

    async 'labels.undoState'({ datasetId }) {
      requireDataset(db, datasetId)
      const { canUndo, canRedo } = result(datasetId, [])
      return { canUndo, canRedo }
    },

    async 'labels.history'({ faceId, datasetId, limit }) {
      if (faceId !== undefined) {
        if (!getFaceRows(db, [faceId]).has(faceId))
          throw new StudioFailure('NOT_FOUND', `Face ${faceId} does not exist`)
        return faceHistory(db, faceId, limit)
      }
      if (datasetId !== undefined) {
        requireDataset(db, datasetId)
        return datasetHistory(db, datasetId, limit)
      }
      throw new StudioFailure('INVALID_INPUT', 'labels.history needs a faceId or a datasetId')
    },
  }
}
