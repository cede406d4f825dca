import type { StateCreator } from 'zustand'

import type { ModelPreset, TrainingConfig } from '../../../../shared/domain'
import { TrainingConfig as TrainingConfigSchema } from '../../../../shared/domain'
import { studio } from '../../../api/client'
import { toastError } from '../../ui/uiStore'
import type { TrainingStore } from '../trainingStore'

/**
 * The settings a new run starts with: the contract's defaults (DEFAULT_RECIPE), the same as a
 * `fer-studio train` without flags.
 */
export function defaultDraft(): TrainingConfig {
  return TrainingConfigSchema.parse({})
}

export type DraftSlice = {
  models: readonly ModelPreset[]
  /** Settings of the next run; the Balance screen edits `augment` and `balance`. */
  draft: TrainingConfig
  loadModels(): Promise<void>
  /** Changes some settings of the next run. */
  setDraft(patch: Partial<TrainingConfig>): void
  resetDraft(): void
}

export const createDraftSlice: StateCreator<TrainingStore, [], [], DraftSlice> = (set, get) => ({
  models: [],
  draft: defaultDraft(),
  async loadModels() {
    const { data, error } = await studio.callSafe('training.models', {})
    if (error !== null) return toastError(error)
    const draft = get().draft
    const known = data.some((m) => m.name === draft.model)
    set({
      models: data,
      draft: known || data[0] === undefined ? draft : { ...draft, model: data[0].name },
    })
  },
  setDraft(patch) {
    set({ draft: { ...get().draft, ...patch } })
  },
  resetDraft() {
    set({ draft: { ...defaultDraft(), model: get().draft.model } })
  },
})
