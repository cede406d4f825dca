import type { StateCreator } from 'zustand'

import type { Emotion, FaceId } from '../../../../shared/domain'
import { NO_AUGMENTATION } from '../../../../shared/domain/training'
import { studio } from '../../../api/client'
import type { TrainingStore } from '../trainingStore'

export type BalancePlan = Readonly<{
  before: readonly number[]
  after: readonly number[]
  classWeights: readonly number[]
}>

/** What the augmentation preview shows samples of: a class's random faces or one face. */
export type PreviewSource =
  Readonly<{ kind: 'class'; label: Emotion }> | Readonly<{ kind: 'face'; faceId: FaceId }>

export type AugmentPreview = Readonly<{ size: number; samples: readonly (readonly number[])[] }>

export type BalanceSlice = {
  plan: BalancePlan | null
  planError: string | null
  previewSource: PreviewSource
  previewSeed: number
  preview: AugmentPreview | null
  previewStatus: 'idle' | 'loading' | 'ready' | 'error'
  previewError: string | null
  /** Asks the backend what the draft's balance settings do to the train counts. */
  loadPlan(): Promise<void>
  setPreviewSource(source: PreviewSource): void
  /** New random samples with the same settings. */
  reshufflePreview(): void
  /** Asks for augmented samples with the draft's augmentation settings. */
  loadPreview(): Promise<void>
}

let planGeneration = 0
let previewGeneration = 0

export const createBalanceSlice: StateCreator<TrainingStore, [], [], BalanceSlice> = (
  set,
  get,
) => ({
  plan: null,
  planError: null,
  previewSource: { kind: 'class', label: 'disgust' },
  previewSeed: 1,
  preview: null,
  previewStatus: 'idle',
  previewError: null,
  async loadPlan() {
    const datasetId = get().datasetId
    if (datasetId === null) return
    const generation = ++planGeneration
    const { data, error } = await studio.callSafe('balance.plan', {
      datasetId,
      balance: get().draft.balance,
    })
    if (generation !== planGeneration) return
    set(error !== null ? { planError: error.message } : { plan: data, planError: null })
  },
  setPreviewSource(source) {
    set({ previewSource: source })
    void get().loadPreview()
  },
  reshufflePreview() {
    set({ previewSeed: get().previewSeed + 1 })
    void get().loadPreview()
  },
  async loadPreview() {
    const { datasetId, draft, previewSource, previewSeed } = get()
    if (datasetId === null) return
    const generation = ++previewGeneration
    set({ previewStatus: 'loading' })
    const augment = draft.augment ?? NO_AUGMENTATION
    const source =
      previewSource.kind === 'class'
        ? { label: previewSource.label }
        : { faceId: previewSource.faceId }
    const { data, error } = await studio.callSafe('balance.augmentPreview', {
      datasetId,
      augment,
      count: 16,
      seed: previewSeed,
      ...source,
    })
    if (generation !== previewGeneration) return
    set(
      error !== null
        ? { previewStatus: 'error', previewError: error.message }
        : { previewStatus: 'ready', preview: data, previewError: null },
    )
  },
})
