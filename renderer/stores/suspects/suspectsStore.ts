import { create } from 'zustand'

import type {
  DatasetId,
  FaceId,
  Suspect,
  SuspectCounts,
  SuspectJobDetail,
  SuspectJobId,
} from '../../../shared/domain'
import { studio } from '../../api/client'
import { useUiStore } from '../ui/uiStore'

/** How many suspects the view holds at once; reviewing them brings the next ones in. */
export const SUSPECTS_PAGE = 200

const NO_COUNTS: SuspectCounts = { suspects: 0, kept: 0, accepted: 0, remaining: 0 }

export type SuspectsState = {
  /** Whether the Faces screen shows the suspects instead of the grid. */
  open: boolean
  datasetId: DatasetId | null
  status: 'idle' | 'loading' | 'ready' | 'error'
  jobId: SuspectJobId | null
  detail: SuspectJobDetail | null
  /** Unreviewed suspects, most likely wrong first. */
  suspects: readonly Suspect[]
  counts: SuspectCounts
  focus: number
}

export type SuspectsActions = {
  setOpen(open: boolean): void
  setDataset(datasetId: DatasetId | null): void
  load(): Promise<void>
  moveFocus(delta: number): void
  /** Accepts the focused suspect's suggestion (an undoable relabel). */
  acceptFocused(): Promise<void>
  /** Keeps the focused suspect's label; it does not come back. */
  keepFocused(): Promise<void>
}

export type SuspectsStore = SuspectsState & SuspectsActions

/**
 * The Suspects view: the latest suspects job of the current dataset, its unreviewed suspects and
 * the review counts. Reviewing removes the face from the list (the backend keeps the decision).
 */
export const useSuspectsStore = create<SuspectsStore>()((set, get) => {
  const toastError = (message: string) => useUiStore.getState().toast('error', message)

  /** Takes the reviewed face out of the list and keeps the focus on the same position. */
  const review = async (
    call: (faceId: FaceId) => Promise<{ counts: SuspectCounts } | null>,
  ): Promise<void> => {
    const { suspects, focus } = get()
    const face = suspects[focus]
    if (!face) return
    const result = await call(face.faceId)
    if (!result) return
    const rest = get().suspects.filter((s) => s.faceId !== face.faceId)
    set({
      suspects: rest,
      counts: result.counts,
      focus: Math.min(focus, Math.max(rest.length - 1, 0)),
    })
    if (rest.length < SUSPECTS_PAGE / 2 && result.counts.remaining > rest.length) void get().load()
  }

  return {
    open: false,
    datasetId: null,
    status: 'idle',
    jobId: null,
    detail: null,
    suspects: [],
    counts: NO_COUNTS,
    focus: 0,

    setOpen(open) {
      set({ open })
      if (open) void get().load()
    },

    setDataset(datasetId) {
      if (datasetId === get().datasetId) return
      set({ datasetId, jobId: null, detail: null, suspects: [], counts: NO_COUNTS, focus: 0 })
      if (get().open) void get().load()
    },

    async load() {
      const { datasetId } = get()
      if (datasetId === null) return
      set({ status: 'loading' })
      const { data, error } = await studio.callSafe('suspects.list', {
        datasetId,
        limit: SUSPECTS_PAGE,
      })
      if (get().datasetId !== datasetId) return
      if (error || !data) {
        set({ status: 'error' })
        toastError(`Could not load the suspects: ${error?.message ?? 'no answer'}`)
        return
      }
      let detail: SuspectJobDetail | null = null
      if (data.jobId !== null) {
        const job = await studio.callSafe('suspects.getJob', { jobId: data.jobId })
        if (get().datasetId !== datasetId) return
        detail = job.data ?? null
      }
      set({
        status: 'ready',
        jobId: data.jobId,
        detail,
        suspects: data.suspects,
        counts: data.counts,
        focus: Math.min(get().focus, Math.max(data.suspects.length - 1, 0)),
      })
    },

    moveFocus(delta) {
      const { suspects, focus } = get()
      if (suspects.length === 0) return
      set({ focus: Math.max(0, Math.min(suspects.length - 1, focus + delta)) })
    },

    acceptFocused: () =>
      review(async (faceId) => {
        const { data, error } = await studio.callSafe('suspects.accept', { faceIds: [faceId] })
        if (error) toastError(`Could not accept the suggestion: ${error.message}`)
        return data ?? null
      }),

    keepFocused: () =>
      review(async (faceId) => {
        const { data, error } = await studio.callSafe('suspects.keep', { faceIds: [faceId] })
        if (error) toastError(`Could not keep the label: ${error.message}`)
        return data ?? null
      }),
  }
})

export const suspectsSelectors = {
  focused: (s: SuspectsStore): Suspect | null => s.suspects[s.focus] ?? null,
}
