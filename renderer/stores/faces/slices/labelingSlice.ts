import type { StateCreator } from 'zustand'

import type { Emotion, FaceId } from '../../../../shared/domain'
import { studio } from '../../../api/client'
import { toastError, useUiStore } from '../../ui/uiStore'
import type { FacesStore } from '../facesStore'

type LabelChanges = readonly Readonly<{ faceId: FaceId; label: Emotion }>[]

/**
 * Undo and redo live in the backend, derived from the label history it stores; this slice keeps
 * only what is pending (labels sent but not yet answered, in `pendingLabels`) and what the
 * backend last said it can undo or redo.
 */
export type LabelingSlice = {
  /** What the backend last said about its undo history (steps of earlier sessions included). */
  canUndo: boolean
  canRedo: boolean
  /** Moves the focus to the next face after relabelling a single face: annotation speed. */
  advanceAfterRelabel: boolean
  /**
   * Gives `label` to the selection (or the focused face when nothing is selected): the grid
   * changes at once, the backend saves it as one undo step, and its answer is applied.
   */
  relabel(label: Emotion): Promise<void>
  undo(): Promise<void>
  redo(): Promise<void>
  /** Asks the backend what the open dataset can undo and redo. */
  loadUndoState(): Promise<void>
  setAdvanceAfterRelabel(value: boolean): void
}

/**
 * Label requests run one after another, so the backend sees set / undo / redo in the order the
 * user pressed the keys even while earlier ones are still on the wire.
 */
let labelQueue: Promise<unknown> = Promise.resolve()
let queued = 0
/** Label requests ever queued: tells an answer whether a newer request has overtaken it. */
let enqueuedCount = 0
function enqueue<T>(job: () => Promise<T>): Promise<T> {
  enqueuedCount++
  // An idle queue sends at once, in the key press itself: the request is on the wire before the
  // grid re-renders and before anything that render asks the backend for.
  const next = queued === 0 ? job() : labelQueue.then(job, job)
  queued++
  const done = (): void => {
    queued--
  }
  labelQueue = next.then(done, done)
  return next
}

export const createLabelingSlice: StateCreator<FacesStore, [], [], LabelingSlice> = (set, get) => {
  /** Applies labels now and remembers them as pending until `settle`. */
  const applyOptimistic = (changes: LabelChanges): void => {
    const pending = new Map(get().pendingLabels)
    for (const { faceId, label } of changes) pending.set(faceId, label)
    set({ pendingLabels: pending })
    get().patchLabels(changes)
  }
  /** Forgets pending labels once answered; the answer's own changes are applied as confirmed. */
  const settle = (optimistic: LabelChanges, confirmed: LabelChanges): void => {
    const pending = new Map(get().pendingLabels)
    for (const { faceId, label } of optimistic)
      if (pending.get(faceId) === label) pending.delete(faceId)
    set({ pendingLabels: pending })
    get().patchLabels(confirmed)
  }
  const refreshDetail = (changes: LabelChanges): void => {
    const detailId = get().detail?.faceId
    if (detailId !== undefined && changes.some((c) => c.faceId === detailId))
      void get().loadDetail(detailId)
  }

  /** Sends an undo or redo and applies the labels the backend answers with. */
  const replay = async (method: 'labels.undo' | 'labels.redo'): Promise<void> => {
    const { datasetId } = get()
    if (datasetId === null) return
    const { data, error } = await enqueue(() => studio.callSafe(method, { datasetId }))
    if (error !== null) return toastError(error)
    get().patchLabels(data.changes)
    set({ canUndo: data.canUndo, canRedo: data.canRedo })
    if (data.changes.length === 0)
      useUiStore
        .getState()
        .toast('info', method === 'labels.undo' ? 'Nothing to undo' : 'Nothing to redo')
    refreshDetail(data.changes)
  }

  return {
    canUndo: false,
    canRedo: false,
    advanceAfterRelabel: true,
    async relabel(label) {
      const { selected, focusId, summaries } = get()
      const targets: FaceId[] =
        selected.size > 0 ? [...selected] : focusId !== null ? [focusId] : []
      if (targets.length === 0) return
      const before: { faceId: FaceId; label: Emotion }[] = []
      for (const id of targets) {
        const face = summaries.get(id)
        if (face !== undefined) before.push({ faceId: id, label: face.label })
      }
      const after = targets.map((faceId) => ({ faceId, label }))
      // Saving starts first; the grid changes right after, in the same task.
      const saved = enqueue(() => studio.callSafe('labels.set', { faceIds: targets, label }))
      applyOptimistic(after)
      const { canUndo, canRedo } = get()
      set({ canUndo: true, canRedo: false })
      if (get().advanceAfterRelabel && targets.length === 1 && targets[0] === focusId)
        get().moveFocus(1)

      const { data, error } = await saved
      if (error !== null) {
        // Not saved: put the old labels back, and what undo could do before.
        settle(after, before)
        set({ canUndo, canRedo })
        return toastError(error)
      }
      settle(after, data.changes)
      set({ canUndo: data.canUndo, canRedo: data.canRedo })
      refreshDetail(after)
    },
    undo: () => replay('labels.undo'),
    redo: () => replay('labels.redo'),
    async loadUndoState() {
      const { datasetId } = get()
      if (datasetId === null) return
      const request = enqueue(() => studio.callSafe('labels.undoState', { datasetId }))
      const asked = enqueuedCount
      const { data } = await request
      // A relabel, undo or redo sent since then knows better; so does another dataset.
      if (data === null || get().datasetId !== datasetId || enqueuedCount !== asked) return
      set({ canUndo: data.canUndo, canRedo: data.canRedo })
    },
    setAdvanceAfterRelabel(value) {
      set({ advanceAfterRelabel: value })
    },
  }
}
