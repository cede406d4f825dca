import type { StateCreator } from 'zustand'

import type {
  DatasetId,
  FaceFilter,
  FaceFinding,
  FaceId,
  FaceSort,
  RunId,
  SortBasis,
} from '../../../../shared/domain'
import { studio } from '../../../api/client'
import { toastError } from '../../ui/uiStore'
import type { FacesStore } from '../facesStore'

/** Faces shown by id rather than by filter: the faces behind one confusion-matrix cell. */
export type ExplicitFaces = Readonly<{ ids: readonly FaceId[]; title: string }>

export type QuerySlice = {
  datasetId: DatasetId | null
  filter: FaceFilter
  sort: FaceSort
  explicit: ExplicitFaces | null
  /** The matching faces, in display order. */
  ids: readonly FaceId[]
  /** Position of each id in `ids`. */
  indexOf: ReadonlyMap<FaceId, number>
  queryStatus: 'idle' | 'loading' | 'ready' | 'error'
  /** What the last query's order rested on (the suspicion sort falls back without a model). */
  sortBasis: SortBasis | null
  /** Switches to another dataset: filters, selection and cache start over; undo state is asked for. */
  setDataset(datasetId: DatasetId | null): void
  /** Merges `patch` into the filter (a key set to undefined is removed) and re-queries. */
  setFilter(patch: Partial<FaceFilter>): void
  resetFilter(): void
  setSort(sort: FaceSort): void
  /** Shows exactly the faces of one import finding, every other filter cleared, in id order. */
  showFinding(finding: FaceFinding): void
  /**
   * Shows exactly these faces (e.g. one confusion-matrix cell) until `clearExplicit`, with the
   * predictions of `runId` when given.
   */
  showFaces(ids: readonly FaceId[], title: string, runId?: RunId): void
  clearExplicit(): void
  /** Re-runs the current query (after data changed underneath). */
  runQuery(): Promise<void>
}

let queryGeneration = 0
/** Faces either side of the focus whose summaries are requested with a new result. */
const PREFETCH_AROUND_FOCUS = 60

function withoutUndefined(filter: Record<string, unknown>): FaceFilter {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as FaceFilter
}

function indexIds(ids: readonly FaceId[]): Map<FaceId, number> {
  const map = new Map<FaceId, number>()
  ids.forEach((id, i) => map.set(id, i))
  return map
}

export const createQuerySlice: StateCreator<FacesStore, [], [], QuerySlice> = (set, get) => {
  const showIds = (ids: readonly FaceId[]): void => {
    const indexOf = indexIds(ids)
    const { focusId } = get()
    const nextFocus = focusId !== null && indexOf.has(focusId) ? focusId : (ids[0] ?? null)
    set({
      ids,
      indexOf,
      queryStatus: 'ready',
      selected: new Set(),
      anchorId: null,
      focusId: nextFocus,
    })
    // The grid will show the focused face: ask for the summaries around it now, in the same tick
    // as the ids, rather than after React has rendered placeholder tiles and run its effects.
    const focusIndex = nextFocus === null ? -1 : (indexOf.get(nextFocus) ?? -1)
    if (focusIndex >= 0)
      get().ensureRange(focusIndex - PREFETCH_AROUND_FOCUS, focusIndex + PREFETCH_AROUND_FOCUS)
  }
  return {
    datasetId: null,
    filter: {},
    sort: 'id',
    explicit: null,
    ids: [],
    indexOf: new Map(),
    queryStatus: 'idle',
    sortBasis: null,
    setDataset(datasetId) {
      if (datasetId === get().datasetId) return
      get().invalidateSummaries()
      set({
        datasetId,
        filter: {},
        sort: 'id',
        explicit: null,
        ids: [],
        indexOf: new Map(),
        selected: new Set(),
        anchorId: null,
        focusId: null,
        canUndo: false,
        canRedo: false,
        detail: null,
        queryStatus: datasetId === null ? 'idle' : 'loading',
      })
      if (datasetId !== null) {
        void get().runQuery()
        void get().loadUndoState()
      }
    },
    setFilter(patch) {
      const runChanged = 'runId' in patch && patch.runId !== get().filter.runId
      // A new filter starts at the top: the focus (which the grid keeps on screen) goes to the
      // first matching face, not to wherever the old list was scrolled.
      set({
        filter: withoutUndefined({ ...get().filter, ...patch }),
        explicit: null,
        focusId: null,
      })
      // Predictions in the cached summaries belong to the run the filter names.
      if (runChanged) get().invalidateSummaries()
      void get().runQuery()
    },
    resetFilter() {
      const runChanged = get().filter.runId !== undefined
      set({ filter: {}, explicit: null, focusId: null })
      if (runChanged) get().invalidateSummaries()
      void get().runQuery()
    },
    setSort(sort) {
      set({ sort, explicit: null, focusId: null })
      void get().runQuery()
    },
    showFinding(finding) {
      const runChanged = get().filter.runId !== undefined
      set({ filter: { finding }, sort: 'id', explicit: null, focusId: null })
      if (runChanged) get().invalidateSummaries()
      void get().runQuery()
    },
    showFaces(ids, title, runId) {
      queryGeneration++
      if (runId !== undefined && runId !== get().filter.runId) {
        set({ filter: { ...get().filter, runId } })
        get().invalidateSummaries()
      }
      set({ explicit: { ids, title }, focusId: null })
      showIds(ids)
    },
    clearExplicit() {
      set({ explicit: null })
      void get().runQuery()
    },
    async runQuery() {
      const { datasetId, filter, sort, explicit } = get()
      if (datasetId === null) return
      if (explicit !== null) return showIds(explicit.ids)
      const generation = ++queryGeneration
      set({ queryStatus: 'loading' })
      const { data, error } = await studio.callSafe('faces.query', { datasetId, filter, sort })
      // A newer query (or another dataset) replaced this one while it ran.
      if (generation !== queryGeneration || get().datasetId !== datasetId) return
      if (error !== null) {
        set({ queryStatus: 'error' })
        return toastError(error)
      }
      set({ sortBasis: data.sortBasis })
      showIds(data.ids)
    },
  }
}
