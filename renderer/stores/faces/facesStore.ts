import { create } from 'zustand'

import { createBulkSlice } from './slices/bulkSlice'
import type { BulkSlice } from './slices/bulkSlice'
import { createCacheSlice } from './slices/cacheSlice'
import type { CacheSlice } from './slices/cacheSlice'
import { createDetailSlice } from './slices/detailSlice'
import type { DetailSlice } from './slices/detailSlice'
import { createFindingSlice } from './slices/findingSlice'
import type { FindingSlice } from './slices/findingSlice'
import { createLabelingSlice } from './slices/labelingSlice'
import type { LabelingSlice } from './slices/labelingSlice'
import { createQuerySlice } from './slices/querySlice'
import type { QuerySlice } from './slices/querySlice'
import { createSelectionSlice } from './slices/selectionSlice'
import type { SelectionSlice } from './slices/selectionSlice'

export type FacesStore = QuerySlice &
  CacheSlice &
  SelectionSlice &
  LabelingSlice &
  BulkSlice &
  FindingSlice &
  DetailSlice

/**
 * The Faces screen's data: which faces match (ids only), a cache of their summaries fetched in
 * windows as the grid scrolls, the selection and focus, relabelling with undo/redo, and the
 * focused face's details.
 */
export const useFacesStore = create<FacesStore>()((...a) => ({
  ...createQuerySlice(...a),
  ...createCacheSlice(...a),
  ...createSelectionSlice(...a),
  ...createLabelingSlice(...a),
  ...createBulkSlice(...a),
  ...createFindingSlice(...a),
  ...createDetailSlice(...a),
}))
