import type { StateCreator } from 'zustand'

import type { DatasetId, DatasetSummary } from '../../../../shared/domain'
import { studio } from '../../../api/client'
import { toastError, useUiStore } from '../../ui/uiStore'
import type { DatasetsStore } from '../datasetsStore'

const CURRENT_KEY = 'fer-studio.currentDataset'

/** Faces written so far by an export; `total` is null until its first progress event. */
export type ExportProgress = Readonly<{ datasetId: DatasetId; done: number; total: number | null }>

export type ListSlice = {
  datasets: readonly DatasetSummary[]
  /** The dataset every other screen works on. */
  currentId: DatasetId | null
  listStatus: 'idle' | 'loading' | 'ready' | 'error'
  creatingDemo: boolean
  /** The export under way (from `datasets.exportProgressed`), or null. */
  exporting: ExportProgress | null
  /** Reloads the list; keeps the current dataset if it still exists, else picks the newest. */
  loadDatasets(): Promise<void>
  selectDataset(id: DatasetId | null): void
  createDemo(): Promise<void>
  renameDataset(id: DatasetId, name: string): Promise<boolean>
  deleteDataset(id: DatasetId): Promise<void>
  /**
   * Exports a dataset (the result is toasted). Resolves 'exists' instead, with no toast, when a
   * CSV export's file already exists and `overwrite` was not asked, so the form can ask first.
   */
  exportDataset(
    id: DatasetId,
    format: 'fer2013-csv' | 'folder',
    path: string,
    overwrite?: boolean,
  ): Promise<'done' | 'exists' | 'failed'>
  /**
   * Attaches FER+ vote counts (fer2013new.csv) to a dataset imported from the FER2013 CSV;
   * resolves true when they were attached (the result is toasted either way).
   */
  attachFerPlus(id: DatasetId, path: string): Promise<boolean>
}

function rememberCurrent(id: DatasetId | null): void {
  try {
    if (id === null) globalThis.localStorage?.removeItem(CURRENT_KEY)
    else globalThis.localStorage?.setItem(CURRENT_KEY, String(id))
  } catch {
    // Not remembering the choice is harmless.
  }
}

function rememberedCurrent(): number | null {
  try {
    const raw = globalThis.localStorage?.getItem(CURRENT_KEY)
    return raw ? Number(raw) : null
  } catch {
    return null
  }
}

export const createListSlice: StateCreator<DatasetsStore, [], [], ListSlice> = (set, get) => ({
  datasets: [],
  currentId: null,
  listStatus: 'idle',
  creatingDemo: false,
  exporting: null,
  async loadDatasets() {
    if (get().listStatus === 'idle') set({ listStatus: 'loading' })
    const { data, error } = await studio.callSafe('datasets.list', {})
    if (error !== null) {
      set({ listStatus: 'error' })
      toastError(error)
      return
    }
    const wanted = get().currentId ?? rememberedCurrent()
    const current = data.find((d) => d.id === wanted) ?? data[0] ?? null
    set({ datasets: data, listStatus: 'ready', currentId: current?.id ?? null })
    rememberCurrent(current?.id ?? null)
  },
  selectDataset(id) {
    set({ currentId: id })
    rememberCurrent(id)
  },
  async createDemo() {
    set({ creatingDemo: true })
    const { data, error } = await studio.callSafe('datasets.createDemo', {})
    set({ creatingDemo: false })
    if (error !== null) return toastError(error)
    set({ datasets: [data, ...get().datasets.filter((d) => d.id !== data.id)], currentId: data.id })
    rememberCurrent(data.id)
    useUiStore.getState().toast('success', `Created “${data.name}” with ${data.faceCount} faces`)
  },
  async renameDataset(id, name) {
    const { data, error } = await studio.callSafe('datasets.rename', { datasetId: id, name })
    if (error !== null) {
      toastError(error)
      return false
    }
    set({ datasets: get().datasets.map((d) => (d.id === id ? data : d)) })
    return true
  },
  async deleteDataset(id) {
    const { error } = await studio.callSafe('datasets.delete', { datasetId: id })
    if (error !== null) return toastError(error)
    const datasets = get().datasets.filter((d) => d.id !== id)
    const currentId = get().currentId === id ? (datasets[0]?.id ?? null) : get().currentId
    set({ datasets, currentId })
    rememberCurrent(currentId)
  },
  async exportDataset(id, format, path, overwrite = false) {
    set({ exporting: { datasetId: id, done: 0, total: null } })
    const { data, error } = await studio.callSafe('datasets.export', {
      datasetId: id,
      format,
      path,
      overwrite,
    })
    set({ exporting: null })
    if (error !== null) {
      // Only a CSV file can be replaced; a non-empty folder is never overwritten.
      if (error.code === 'CONFLICT' && format === 'fer2013-csv' && !overwrite) return 'exists'
      toastError(error)
      return 'failed'
    }
    const left = data.excluded > 0 ? ` (${data.excluded} excluded faces left out)` : ''
    useUiStore.getState().toast('success', `Exported ${data.faces} faces to ${data.path}${left}`)
    return 'done'
  },
  async attachFerPlus(id, path) {
    const { data, error } = await studio.callSafe('datasets.attachFerPlus', { datasetId: id, path })
    if (error !== null) {
      toastError(error)
      return false
    }
    const without = data.withoutVotes > 0 ? ` (${data.withoutVotes} without votes)` : ''
    useUiStore
      .getState()
      .toast('success', `FER+ votes attached to ${data.attached} faces${without}`)
    return true
  },
})
