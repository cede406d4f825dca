import { create } from 'zustand'

import { createImportSlice } from './slices/importSlice'
import type { ImportSlice } from './slices/importSlice'
import { createListSlice } from './slices/listSlice'
import type { ListSlice } from './slices/listSlice'

export type DatasetsStore = ListSlice & ImportSlice

/** Datasets: the list with counts, the current one, and the import flow. */
export const useDatasetsStore = create<DatasetsStore>()((...a) => ({
  ...createListSlice(...a),
  ...createImportSlice(...a),
}))
