import { useDatasetsStore } from './datasets/datasetsStore'
import { useEvaluationStore } from './evaluation/evaluationStore'
import { useFacesStore } from './faces/facesStore'
import { usePredictStore } from './predict/predictStore'
import { usePresentStore } from './present/presentStore'
import { useSuspectsStore } from './suspects/suspectsStore'
import { useTrainingStore } from './training/trainingStore'
import { useUiStore } from './ui/uiStore'

/** Puts every store back to its initial state (tests do this between cases, as zustand's docs advise). */
export function resetStores(): void {
  for (const store of [
    useUiStore,
    useDatasetsStore,
    useFacesStore,
    useTrainingStore,
    useEvaluationStore,
    usePredictStore,
    usePresentStore,
    useSuspectsStore,
  ] as const) {
    ;(store.setState as (state: unknown, replace: true) => void)(store.getInitialState(), true)
  }
  useFacesStore.getState().invalidateSummaries()
}
