import { create } from 'zustand'

import { EMOTIONS } from '../../../shared/domain'
import type {
  Emotion,
  EvaluationResult,
  RunId,
  Split,
  TestTimeAugmentation,
} from '../../../shared/domain'
import { studio } from '../../api/client'
import { useFacesStore } from '../faces/facesStore'
import { useTrainingStore } from '../training/trainingStore'
import { toastError, useUiStore } from '../ui/uiStore'

/** A stored evaluation of one run on one split, as far as it is known. */
export type EvaluationEntry =
  | Readonly<{ status: 'loading' }>
  | Readonly<{ status: 'missing' }>
  | Readonly<{ status: 'evaluating' }>
  | Readonly<{ status: 'ready'; result: EvaluationResult }>
  | Readonly<{ status: 'error'; message: string }>

export type EvaluationStore = {
  runId: RunId | null
  split: Split
  /** Rows divided by their totals (recall on the diagonal) instead of counts. */
  normalized: boolean
  /**
   * Test-time augmentation for the next evaluation ('flip' = average with the mirror image); null
   * = the run's recommended mode, which the backend picks (ten-crop for crop runs, else flip).
   */
  tta: TestTimeAugmentation | null
  /** Index into the run's epoch records when scrubbing through epochs; null = the evaluation. */
  epochIndex: number | null
  /** Earlier run to show the per-cell difference against; by default the run before this one. */
  compareRunId: RunId | null
  /** True once the user picked the comparison; until then it follows the chosen run. */
  compareChosen: boolean
  entries: Readonly<Record<string, EvaluationEntry>>
  /** Faces changed since each stored evaluation (by `evaluationKey`), as last asked. */
  changes: Readonly<Record<string, number>>
  /** The cell whose faces are being fetched, for the progress shown meanwhile. */
  openingCell: Readonly<{ truth: Emotion; predicted: Emotion }> | null
  setRun(runId: RunId | null): void
  setSplit(split: Split): void
  setNormalized(normalized: boolean): void
  setTta(tta: TestTimeAugmentation | null): void
  setEpochIndex(index: number | null): void
  setCompareRun(runId: RunId | null): void
  /** Loads the stored evaluation of a run on a split (null result = not evaluated yet). */
  loadEvaluation(runId: RunId, split: Split): Promise<void>
  /** Evaluates the run's best weights on the split (stores per-face predictions too). */
  evaluate(runId: RunId, split: Split): Promise<void>
  /** Opens exactly the faces of one matrix cell in the Faces grid. */
  openCell(truth: Emotion, predicted: Emotion): Promise<void>
  /** Asks how many faces changed since the stored evaluation of a run on a split. */
  loadChanges(runId: RunId, split: Split): Promise<void>
}

/**
 * The run trained before this one (with at least one epoch): after retraining, the matrix shows
 * what changed against it without the user having to ask.
 */
function previousRun(runId: RunId | null): RunId | null {
  if (runId === null) return null
  const older = useTrainingStore
    .getState()
    .runs.filter((r) => r.id < runId && r.epochsDone > 0)
    .sort((a, b) => b.id - a.id)
  return older[0]?.id ?? null
}

export function evaluationKey(runId: RunId, split: Split): string {
  return `${runId}:${split}`
}

export const useEvaluationStore = create<EvaluationStore>()((set, get) => {
  const put = (runId: RunId, split: Split, entry: EvaluationEntry): void =>
    set({ entries: { ...get().entries, [evaluationKey(runId, split)]: entry } })
  return {
    runId: null,
    split: 'validation',
    normalized: false,
    tta: null,
    epochIndex: null,
    compareRunId: null,
    compareChosen: false,
    entries: {},
    changes: {},
    openingCell: null,
    setRun(runId) {
      const { compareRunId, compareChosen } = get()
      const keep = compareChosen && compareRunId !== runId
      set({ runId, epochIndex: null, compareRunId: keep ? compareRunId : previousRun(runId) })
      if (runId !== null) void get().loadEvaluation(runId, get().split)
      const compare = get().compareRunId
      if (compare !== null) void get().loadEvaluation(compare, get().split)
    },
    setSplit(split) {
      set({ split, epochIndex: null })
      const { runId, compareRunId } = get()
      if (runId !== null) void get().loadEvaluation(runId, split)
      if (compareRunId !== null) void get().loadEvaluation(compareRunId, split)
    },
    setNormalized: (normalized) => set({ normalized }),
    setTta: (tta) => set({ tta }),
    setEpochIndex: (epochIndex) => set({ epochIndex }),
    setCompareRun(compareRunId) {
      set({ compareRunId, compareChosen: true })
      if (compareRunId !== null) void get().loadEvaluation(compareRunId, get().split)
    },
    async loadEvaluation(runId, split) {
      const key = evaluationKey(runId, split)
      const entry = get().entries[key]
      if (entry?.status === 'evaluating') return
      if (entry === undefined) put(runId, split, { status: 'loading' })
      const { data, error } = await studio.callSafe('evaluation.get', { runId, split })
      if (get().entries[key]?.status === 'evaluating') return
      if (error !== null) return put(runId, split, { status: 'error', message: error.message })
      put(runId, split, data === null ? { status: 'missing' } : { status: 'ready', result: data })
      if (data !== null) void get().loadChanges(runId, split)
    },
    async loadChanges(runId, split) {
      const { data } = await studio.callSafe('evaluation.changes', { runId, split })
      if (data === null) return
      set({ changes: { ...get().changes, [evaluationKey(runId, split)]: data.changedFaces } })
    },
    async evaluate(runId, split) {
      put(runId, split, { status: 'evaluating' })
      const tta = get().tta
      const { data, error } = await studio.callSafe('evaluation.run', {
        runId,
        split,
        ...(tta === null ? {} : { tta }),
      })
      if (error !== null) {
        put(runId, split, { status: 'error', message: error.message })
        return toastError(error)
      }
      put(runId, split, { status: 'ready', result: data })
      set({ changes: { ...get().changes, [evaluationKey(runId, split)]: 0 } })
      // The grid's cached summaries carry predictions; these just changed.
      useFacesStore.getState().invalidateSummaries()
    },
    async openCell(truth, predicted) {
      const { runId, split } = get()
      if (runId === null) return
      set({ openingCell: { truth, predicted } })
      const { data, error } = await studio.callSafe('evaluation.cellFaces', {
        runId,
        split,
        truth,
        predicted,
      })
      set({ openingCell: null })
      if (error !== null) return toastError(error)
      const title =
        truth === predicted
          ? `${data.length} ${truth} faces predicted correctly`
          : `${data.length} ${truth} faces predicted as ${predicted}`
      // The run's predictions go with the faces, without a query of the whole dataset first.
      useFacesStore.getState().showFaces(data, `${title} (${split})`, runId)
      useUiStore.getState().setScreen('faces')
    },
  }
})

export const evaluationSelectors = {
  entry:
    (runId: RunId | null, split: Split) =>
    (s: EvaluationStore): EvaluationEntry | undefined =>
      runId === null ? undefined : s.entries[evaluationKey(runId, split)],
  emotions: () => EMOTIONS,
}
