import type { Emit, Handlers } from '../../shared/contract'
import type { labelMethods } from '../../shared/contract/labels'
import { emotionIndex } from '../../shared/domain/emotion'
import type { Emotion } from '../../shared/domain/emotion'
import type { ExclusionReason } from '../../shared/domain/exclusion'
import type { LabelSource } from '../../shared/domain/face'
import type { FaceId } from '../../shared/domain/ids'
import { StudioFailure } from '../../shared/transport/envelope'
import type { StudioDb } from '../db/openDatabase'
import { emotionAt, getFaceRows } from '../db/queries/faces'
import { stepChanges, undoTargets } from '../db/queries/labelBatches'
import { datasetHistory, faceHistory, stepSource } from '../db/queries/labelChanges'
import { requireDataset } from './datasetService'
import { createStepWriter } from './labelSteps'
import type { StepApplied } from './labelSteps'

export type LabelServiceDeps = Readonly<{
  db: StudioDb
  dataDir: string
  emit: Emit
  log: (message: string) => void
  now?: () => number
}>

type UndoResult = Readonly<{
  changes: { faceId: FaceId; label: Emotion }[]
  exclusions: { faceId: FaceId; excluded: ExclusionReason | null }[]
  canUndo: boolean
  canRedo: boolean
}>

const NOTHING: StepApplied = { labels: [], exclusions: [] }

/**
 * The labels.* handlers. Every change (a relabel, an exclusion) is saved at once, in one
 * transaction per step, and appended to `label_changes` (who, when, from, to, batch); undo and
 * redo are new history rows of kind 'undo'/'redo', never deletions. What can be undone or redone
 * is derived from those batches (db/queries/labelBatches.ts), so it survives a restart and every
 * process sees the same.
 */
export function createLabelHandlers(
  deps: LabelServiceDeps,
): Pick<Handlers, keyof typeof labelMethods> {
  const { db, emit } = deps
  const now = deps.now ?? Date.now
  const apply = createStepWriter(db, emit, now)
  const result = (datasetId: number, applied: StepApplied): UndoResult => {
    const targets = undoTargets(db, datasetId)
    return {
      changes: applied.labels.map((c) => ({ faceId: c.faceId as FaceId, label: emotionAt(c.to) })),
      exclusions: applied.exclusions.map((c) => ({ faceId: c.faceId as FaceId, excluded: c.to })),
      canUndo: targets.undo !== null,
      canRedo: targets.redo !== null,
    }
  }

  /** Undoes or redoes the step the stored batches say is next; nothing when there is none. */
  const replay = (datasetId: number, kind: 'undo' | 'redo'): UndoResult => {
    requireDataset(db, datasetId)
    const stepId = undoTargets(db, datasetId)[kind]
    if (stepId === null) return result(datasetId, NOTHING)
    const step = stepChanges(db, stepId)
    const targets = {
      labels: step.changes.flatMap((c) =>
        c.field === 'label' ? [{ faceId: c.faceId, to: kind === 'undo' ? c.from : c.to }] : [],
      ),
      exclusions: step.changes.flatMap((c) =>
        c.field === 'exclusion' ? [{ faceId: c.faceId, to: kind === 'undo' ? c.from : c.to }] : [],
      ),
    }
    const source = stepSource(db, stepId)
    return result(datasetId, apply(datasetId, targets, step.actor, kind, stepId, source))
  }

  /** One undoable step setting each face to its target (the first target of a face wins). */
  const setLabels = (
    method: string,
    targets: readonly { faceId: number; to: number }[],
    actor: string,
    source: LabelSource,
  ): UndoResult => {
    const byFace = new Map<number, number>()
    for (const t of targets) if (!byFace.has(t.faceId)) byFace.set(t.faceId, t.to)
    const unique = [...byFace.keys()]
    const datasetId = datasetOf(method, unique)
    const labels = unique.map((faceId) => ({ faceId, to: byFace.get(faceId) as number }))
    return result(
      datasetId,
      apply(datasetId, { labels, exclusions: [] }, actor, 'set', null, source),
    )
  }

  /** The faces' one dataset; NOT_FOUND for a missing face, INVALID_INPUT for several datasets. */
  const datasetOf = (method: string, unique: readonly number[]): number => {
    const rows = getFaceRows(db, unique)
    const missing = unique.find((id) => !rows.has(id))
    if (missing !== undefined)
      throw new StudioFailure('NOT_FOUND', `Face ${missing} does not exist`)
    const datasetIds = new Set([...rows.values()].map((row) => row.dataset_id))
    if (datasetIds.size > 1) {
      throw new StudioFailure(
        'INVALID_INPUT',
        `${method} takes faces of one dataset; these span ${[...datasetIds].join(', ')}`,
      )
    }
    const datasetId = [...datasetIds][0] as number
    requireDataset(db, datasetId)
    return datasetId
  }

  return {
    async 'labels.set'({ faceIds, label, actor }) {
      const to = emotionIndex(label)
      return setLabels(
        'labels.set',
        faceIds.map((faceId) => ({ faceId, to })),
        actor,
        'manual',
      )
    },

    async 'labels.setEach'({ changes, actor, source }) {
      return setLabels(
        'labels.setEach',
        changes.map((c) => ({ faceId: c.faceId, to: emotionIndex(c.label) })),
        actor,
        source,
      )
    },

    async 'labels.exclude'({ faceIds, reason, actor }) {
      const unique = [...new Set<number>(faceIds)]
      const datasetId = datasetOf('labels.exclude', unique)
      const exclusions = unique.map((faceId) => ({ faceId, to: reason }))
      return result(
        datasetId,
        apply(datasetId, { labels: [], exclusions }, actor, 'set', null, 'manual'),
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
      const { canUndo, canRedo } = result(datasetId, NOTHING)
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
