import type { Emit, Handlers } from '../../shared/contract'
import type { labelMethods } from '../../shared/contract/labels'
import { emotionIndex } from '../../shared/domain/emotion'
import type { Emotion } from '../../shared/domain/emotion'
import type { LabelChange } from '../../shared/domain/face'
import type { DatasetId, FaceId } from '../../shared/domain/ids'
import { StudioFailure } from '../../shared/transport/envelope'
import type { StudioDb } from '../db/openDatabase'
import { emotionAt, getFaceRows } from '../db/queries/faces'
import {
  createLabelWriter,
  datasetHistory,
  faceHistory,
  nextBatchId,
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
/** One undoable step: the changes of one `labels.set`. */
type Step = Readonly<{ actor: string; changes: readonly FaceChange[] }>
type Stacks = { createdAt: number; undo: Step[]; redo: Step[] }

type UndoResult = Readonly<{
  changes: { faceId: FaceId; label: Emotion }[]
  canUndo: boolean
  canRedo: boolean
}>

/**
 * The labels.* handlers. Every change is saved at once, in one transaction per step, and appended
 * to `label_changes` (who, when, from, to, batch); undo and redo are new history rows of kind
 * 'undo'/'redo', never deletions. The undo and redo stacks live in memory, one pair per dataset,
 * for the life of the service: every step made since the studio started can be undone.
 */
export function createLabelHandlers(
  deps: LabelServiceDeps,
): Pick<Handlers, keyof typeof labelMethods> {
  const { db, emit } = deps
  const now = deps.now ?? Date.now
  const write = createLabelWriter(db)
  const stacksByDataset = new Map<number, Stacks>()

  /** A dataset's stacks; reset when the id now names another dataset (ids can be reused). */
  const stacksOf = (datasetId: number): Stacks => {
    const dataset = requireDataset(db, datasetId)
    let stacks = stacksByDataset.get(datasetId)
    if (!stacks || stacks.createdAt !== dataset.createdAt) {
      stacks = { createdAt: dataset.createdAt, undo: [], redo: [] }
      stacksByDataset.set(datasetId, stacks)
    }
    return stacks
  }

  /** Writes label changes as one batch; returns the faces whose label changed. */
  const apply = (
    datasetId: number,
    targets: readonly { faceId: number; to: number }[],
    actor: string,
    kind: LabelChange['kind'],
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
      const batchId = nextBatchId(db)
      const at = now()
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
        })
        applied.push({ faceId: target.faceId, from: row.label, to: target.to })
      }
    }).immediate()
    if (applied.length > 0) {
      const changes = applied.map((c) => ({ faceId: c.faceId as FaceId, label: emotionAt(c.to) }))
      emit('labels.changed', { datasetId: datasetId as DatasetId, changes })
      emit('datasets.changed', { datasetId: datasetId as DatasetId })
    }
    return applied
  }

  const result = (changes: readonly FaceChange[], stacks: Stacks): UndoResult => ({
    changes: changes.map((c) => ({ faceId: c.faceId as FaceId, label: emotionAt(c.to) })),
    canUndo: stacks.undo.length > 0,
    canRedo: stacks.redo.length > 0,
  })

  return {
    async 'labels.set'({ faceIds, label, actor }) {
      const unique = [...new Set<number>(faceIds)]
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
      const stacks = stacksOf(datasetId)
      const to = emotionIndex(label)
      const applied = apply(
        datasetId,
        unique.map((faceId) => ({ faceId, to })),
        actor,
        'set',
      )
      if (applied.length > 0) {
        stacks.undo.push({ actor, changes: applied })
        stacks.redo.length = 0
      }
      return result(applied, stacks)
    },

    async 'labels.undo'({ datasetId }) {
      const stacks = stacksOf(datasetId)
      const step = stacks.undo.pop()
      if (!step) return result([], stacks)
      const applied = apply(
        datasetId,
        step.changes.map((c) => ({ faceId: c.faceId, to: c.from })),
        step.actor,
        'undo',
      )
      stacks.redo.push(step)
      return result(applied, stacks)
    },

    async 'labels.redo'({ datasetId }) {
      const stacks = stacksOf(datasetId)
      const step = stacks.redo.pop()
      if (!step) return result([], stacks)
      const applied = apply(
        datasetId,
        step.changes.map((c) => ({ faceId: c.faceId, to: c.to })),
        step.actor,
        'redo',
      )
      stacks.undo.push(step)
      return result(applied, stacks)
    },

    async 'labels.undoState'({ datasetId }) {
      const { canUndo, canRedo } = result([], stacksOf(datasetId))
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
