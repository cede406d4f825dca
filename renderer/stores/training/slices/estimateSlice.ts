import type { StateCreator } from 'zustand'

import type { RunEstimate } from '../../../../shared/domain'
import { studio } from '../../../api/client'
import type { TrainingStore } from '../trainingStore'

/** The estimated time of the next run, as the backend last said for the current settings. */
export type EstimateSlice = {
  /** undefined: not asked yet (or failed); null: nothing measured on this machine yet. */
  estimate: RunEstimate | null | undefined
  /** Asks for the estimate of the draft on the current dataset. */
  loadEstimate(): Promise<void>
}

let estimateGeneration = 0

export const createEstimateSlice: StateCreator<TrainingStore, [], [], EstimateSlice> = (
  set,
  get,
) => ({
  estimate: undefined,
  async loadEstimate() {
    const { datasetId, draft } = get()
    if (datasetId === null) return set({ estimate: undefined })
    const generation = ++estimateGeneration
    const { data, error } = await studio.callSafe('training.estimate', { datasetId, config: draft })
    // Settings changed again while it was asked: the newer answer wins.
    if (generation !== estimateGeneration) return
    set({ estimate: error !== null ? undefined : data })
  },
})
