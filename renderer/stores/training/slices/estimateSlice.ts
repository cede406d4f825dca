import type { StateCreator } from 'zustand'

import type { EstimateAnswer } from '../../../../shared/contract'
import { studio } from '../../../api/client'
import type { TrainingStore } from '../trainingStore'

/** What the Train screen says about the next run's time; 'measuring' while a speed probe runs. */
export type EstimateView = EstimateAnswer | Readonly<{ kind: 'measuring' }>

/** The estimated time of the next run, as the backend last said for the current settings. */
export type EstimateSlice = {
  /** undefined: not asked yet (or the call failed). */
  estimate: EstimateView | undefined
  /**
   * Asks for the estimate of the draft on the current dataset; when nothing on this machine fits,
   * runs the speed probe, showing 'measuring' meanwhile.
   */
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
    const input = { datasetId, config: draft }
    const first = await studio.callSafe('training.estimate', input)
    // Settings changed again while it was asked: the newer answer wins.
    if (generation !== estimateGeneration) return
    if (first.error !== null || first.data.kind !== 'probeNeeded')
      return set({ estimate: first.error !== null ? undefined : first.data })
    set({ estimate: { kind: 'measuring' } })
    const probed = await studio.callSafe('training.probeSpeed', input)
    if (generation !== estimateGeneration) return
    set({
      estimate:
        probed.error !== null ? { kind: 'unavailable', reason: probed.error.message } : probed.data,
    })
  },
})
