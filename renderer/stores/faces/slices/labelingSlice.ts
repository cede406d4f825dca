import type { StateCreator } from 'zustand'

import type { Emotion, FaceId } from '../../../../shared/domain'
import { EXCLUSION_TITLES } from '../../../../shared/domain/exclusion'
import type { ExclusionReason } from '../../../../shared/domain/exclusion'
import { studio } from '../../../api/client'
import { formatCount } from '../../../lib/format'
import { toastError, useUiStore } from '../../ui/uiStore'
import type { FacesStore } from '../facesStore'
import { enqueue, labelRequestsQueued } from './labelQueue'

type LabelChanges = readonly Readonly<{ faceId: FaceId; label: Emotion }>[]

/**
 * Undo and redo live in the backend, derived from the label history it stores; this slice keeps
 * only what is pending (labels sent but not yet answered, in `pendingLabels`) and what the
 * backend last said it can undo or redo. Every change shows a toast with Undo; a change to many
 * faces is confirmed first (bulkSlice.ts).
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
  /** Excludes the selection (or the focused face) with a reason, or includes it again (null). */
  exclude(reason: ExclusionReason | null): Promise<void>
  /**
   * Excludes (or includes) the given faces as one step, asking first when they are many; the
   * question is `message` when given.
   */
  excludeFaces(
    faceIds: readonly FaceId[],
    reason: ExclusionReason | null,
    message?: string,
  ): Promise<void>
  undo(): Promise<void>
  redo(): Promise<void>
  /** Asks the backend what the open dataset can undo and redo. */
  loadUndoState(): Promise<void>
  setAdvanceAfterRelabel(value: boolean): void
}

const faces = (n: number): string => `${formatCount(n)} ${n === 1 ? 'face' : 'faces'}`

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
  const refreshDetail = (changed: readonly FaceId[]): void => {
    const detailId = get().detail?.faceId
    if (detailId !== undefined && changed.includes(detailId)) void get().loadDetail(detailId)
  }
  const targetsOf = (): FaceId[] => {
    const { selected, focusId } = get()
    return selected.size > 0 ? [...selected] : focusId !== null ? [focusId] : []
  }
  /** Every change says what it did, with Undo at hand. */
  const toastChange = (message: string): void => {
    useUiStore.getState().toast('success', message, { label: 'Undo', run: () => void get().undo() })
  }

  /** Sends an undo or redo, applies what the backend answers and brings those faces into view. */
  const replay = async (method: 'labels.undo' | 'labels.redo'): Promise<void> => {
    const { datasetId } = get()
    if (datasetId === null) return
    const { data, error } = await enqueue(() => studio.callSafe(method, { datasetId }))
    if (error !== null) return toastError(error)
    get().patchLabels(data.changes)
    get().patchExclusions(data.exclusions)
    set({ canUndo: data.canUndo, canRedo: data.canRedo })
    const changed = [...data.changes, ...data.exclusions].map((c) => c.faceId)
    const toast = useUiStore.getState().toast
    if (changed.length === 0) {
      toast('info', method === 'labels.undo' ? 'Nothing to undo' : 'Nothing to redo')
      return
    }
    get().reveal(changed)
    toast('info', `${method === 'labels.undo' ? 'Undone' : 'Redone'}: ${faces(changed.length)}`)
    refreshDetail(changed)
  }

  const saveLabels = async (targets: FaceId[], label: Emotion): Promise<void> => {
    const { focusId, summaries } = get()
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
    if (data.changes.length > 0) toastChange(`Relabeled ${faces(data.changes.length)} as ${label}`)
    refreshDetail(targets)
  }

  const saveExclusion = async (
    targets: readonly FaceId[],
    reason: ExclusionReason | null,
  ): Promise<void> => {
    const { data, error } = await enqueue(() =>
      studio.callSafe('labels.exclude', { faceIds: [...targets], reason }),
    )
    if (error !== null) return toastError(error)
    get().patchExclusions(data.exclusions)
    set({ canUndo: data.canUndo, canRedo: data.canRedo })
    const n = data.exclusions.length
    if (n === 0) {
      useUiStore.getState().toast('info', reason === null ? 'Already included' : 'Already excluded')
      return
    }
    toastChange(
      reason === null
        ? `Included ${faces(n)} again`
        : `Excluded ${faces(n)}: ${EXCLUSION_TITLES[reason]}`,
    )
    refreshDetail(targets)
  }

  return {
    canUndo: false,
    canRedo: false,
    advanceAfterRelabel: true,
    async relabel(label) {
      const targets = targetsOf()
      if (targets.length === 0) return
      await get().guardBulk(targets.length, `Relabel ${faces(targets.length)} as ${label}?`, () =>
        saveLabels(targets, label),
      )
    },
    async exclude(reason) {
      await get().excludeFaces(targetsOf(), reason)
    },
    async excludeFaces(targets, reason, question) {
      if (targets.length === 0) return
      const message =
        question ??
        (reason === null
          ? `Include ${faces(targets.length)} again?`
          : `Exclude ${faces(targets.length)} as ${EXCLUSION_TITLES[reason]}?`)
      await get().guardBulk(targets.length, message, () => saveExclusion(targets, reason))
    },
    undo: () => replay('labels.undo'),
    redo: () => replay('labels.redo'),
    async loadUndoState() {
      const { datasetId } = get()
      if (datasetId === null) return
      const request = enqueue(() => studio.callSafe('labels.undoState', { datasetId }))
      const asked = labelRequestsQueued()
      const { data } = await request
      // A relabel, undo or redo sent since then knows better; so does another dataset.
      if (data === null || get().datasetId !== datasetId || labelRequestsQueued() !== asked) return
      set({ canUndo: data.canUndo, canRedo: data.canRedo })
    },
    setAdvanceAfterRelabel(value) {
      set({ advanceAfterRelabel: value })
    },
  }
}
