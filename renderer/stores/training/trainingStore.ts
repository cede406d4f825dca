import { create } from 'zustand'

import { createBalanceSlice } from './slices/balanceSlice'
import type { BalanceSlice } from './slices/balanceSlice'
import { createDraftSlice } from './slices/draftSlice'
import type { DraftSlice } from './slices/draftSlice'
import { createEstimateSlice } from './slices/estimateSlice'
import type { EstimateSlice } from './slices/estimateSlice'
import { createRunsSlice } from './slices/runsSlice'
import type { RunsSlice } from './slices/runsSlice'

export type TrainingStore = RunsSlice & DraftSlice & BalanceSlice & EstimateSlice

/**
 * Training: the presets, the settings of the next run (shared by the Balance and Train screens),
 * the runs of the current dataset with their live progress, and the Balance screen's plan and
 * augmentation preview.
 */
export const useTrainingStore = create<TrainingStore>()((...a) => ({
  ...createRunsSlice(...a),
  ...createDraftSlice(...a),
  ...createBalanceSlice(...a),
  ...createEstimateSlice(...a),
}))
