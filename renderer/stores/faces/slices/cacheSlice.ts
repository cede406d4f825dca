import type { StateCreator } from 'zustand'

import type { Emotion, FaceId, FaceSummary } from '../../../../shared/domain'
import type { ExclusionReason } from '../../../../shared/domain/exclusion'
import { studio } from '../../../api/client'
import type { FacesStore } from '../facesStore'

/** Summaries are fetched in pages of this many ids, several pages per request at most. */
export const PAGE_SIZE = 200
const MAX_IDS_PER_REQUEST = 2000

export type CacheSlice = {
  /** Summaries fetched so far, by id; a face not in here shows as a placeholder tile. */
  summaries: ReadonlyMap<FaceId, FaceSummary>
  /**
   * Labels set optimistically whose request has not been answered yet: they win over whatever a
   * page fetch that was already in flight brings back.
   */
  pendingLabels: ReadonlyMap<FaceId, Emotion>
  /** Makes sure the summaries of ids[start..end] are cached or on their way. */
  ensureRange(start: number, end: number): void
  /** Forgets every cached summary (another dataset, or predictions changed). */
  invalidateSummaries(): void
  /** Sets labels in the cached summaries (optimistic updates and confirmed changes alike). */
  patchLabels(changes: readonly Readonly<{ faceId: FaceId; label: Emotion }>[]): void
  /** Sets exclusions (null: included) in the cached summaries. */
  patchExclusions(
    changes: readonly Readonly<{ faceId: FaceId; excluded: ExclusionReason | null }>[],
  ): void
}

let cacheGeneration = 0
const inflightPages = new Set<string>()

export const createCacheSlice: StateCreator<FacesStore, [], [], CacheSlice> = (set, get) => {
  const fetchIds = async (ids: FaceId[], pageKeys: string[], generation: number): Promise<void> => {
    const { data } = await studio.callSafe('faces.get', { ids })
    for (const key of pageKeys) inflightPages.delete(key)
    if (data === null || generation !== cacheGeneration) return
    const next = new Map(get().summaries)
    const pending = get().pendingLabels
    for (const face of data) {
      const label = pending.get(face.id)
      next.set(face.id, label === undefined ? face : { ...face, label })
    }
    set({ summaries: next })
  }

  return {
    summaries: new Map(),
    pendingLabels: new Map(),
    ensureRange(start, end) {
      const { ids, summaries } = get()
      if (ids.length === 0) return
      const first = Math.max(0, Math.floor(start / PAGE_SIZE))
      const last = Math.min(Math.floor((ids.length - 1) / PAGE_SIZE), Math.floor(end / PAGE_SIZE))
      let batch: FaceId[] = []
      let keys: string[] = []
      const generation = cacheGeneration
      for (let page = first; page <= last; page++) {
        // Keyed by the ids array too: a new query reuses page numbers for other faces.
        const key = `${generation}:${page}:${ids[page * PAGE_SIZE]}`
        if (inflightPages.has(key)) continue
        const missing = ids
          .slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE)
          .filter((id) => !summaries.has(id))
        if (missing.length === 0) continue
        if (batch.length + missing.length > MAX_IDS_PER_REQUEST) {
          void fetchIds(batch, keys, generation)
          batch = []
          keys = []
        }
        inflightPages.add(key)
        batch.push(...missing)
        keys.push(key)
      }
      if (batch.length > 0) void fetchIds(batch, keys, generation)
    },
    invalidateSummaries() {
      cacheGeneration++
      inflightPages.clear()
      set({ summaries: new Map() })
    },
    patchLabels(changes) {
      const current = get().summaries
      let next: Map<FaceId, FaceSummary> | null = null
      for (const { faceId, label } of changes) {
        const face = current.get(faceId)
        if (face === undefined || face.label === label) continue
        next ??= new Map(current)
        next.set(faceId, { ...face, label })
      }
      if (next !== null) set({ summaries: next })
    },
    patchExclusions(changes) {
      const current = get().summaries
      let next: Map<FaceId, FaceSummary> | null = null
      for (const { faceId, excluded } of changes) {
        const face = current.get(faceId)
        if (face === undefined || face.excluded === excluded) continue
        next ??= new Map(current)
        next.set(faceId, { ...face, excluded })
      }
      if (next !== null) set({ summaries: next })
    },
  }
}
