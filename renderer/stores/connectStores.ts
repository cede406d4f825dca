import { connectDatasetEvents } from './datasets/connectDatasetEvents'
import { useDatasetsStore } from './datasets/datasetsStore'
import { connectEvaluationEvents } from './evaluation/connectEvaluationEvents'
import { evaluationSelectors, useEvaluationStore } from './evaluation/evaluationStore'
import { connectFaceEvents } from './faces/connectFaceEvents'
import { useFacesStore } from './faces/facesStore'
import { connectSuspectsEvents } from './suspects/connectSuspectsEvents'
import { useSuspectsStore } from './suspects/suspectsStore'
import { connectTrainingEvents } from './training/connectTrainingEvents'
import { useTrainingStore } from './training/trainingStore'
import { connectUiEvents } from './ui/connectUiEvents'

/**
 * The one place stores meet the backend's events and each other: the current dataset drives the
 * faces and training stores, a finished run refreshes predictions. Call once at start-up (and in
 * tests after installing a memory transport); returns the disconnect.
 */
export function connectStores(): () => void {
  const offs = [
    connectUiEvents(),
    connectDatasetEvents(),
    connectFaceEvents(),
    connectTrainingEvents(),
    connectSuspectsEvents(),
    connectEvaluationEvents(),
  ]

  const followDataset = (): void => {
    const id = useDatasetsStore.getState().currentId
    useFacesStore.getState().setDataset(id)
    useTrainingStore.getState().setDataset(id)
    useSuspectsStore.getState().setDataset(id)
  }
  followDataset()
  offs.push(
    useDatasetsStore.subscribe((state, prev) => {
      if (state.currentId !== prev.currentId) followDataset()
    }),
  )

  // The evaluation screen follows the run picked on the Train screen until the user picks another.
  offs.push(
    useTrainingStore.subscribe((state, prev) => {
      const evaluation = useEvaluationStore.getState()
      const stillThere = state.runs.some((r) => r.id === evaluation.runId)
      if (!stillThere && state.runs !== prev.runs) evaluation.setRun(state.runs[0]?.id ?? null)
      // When a run completes, its predictions exist: the grid may show them now.
      const finished = state.runs.some((run) => {
        const before = prev.runs.find((r) => r.id === run.id)
        return before !== undefined && before.status !== run.status && run.status === 'completed'
      })
      if (finished) {
        useFacesStore.getState().invalidateSummaries()
        const { runId, split } = useEvaluationStore.getState()
        if (
          runId !== null &&
          evaluationSelectors.entry(runId, split)(useEvaluationStore.getState()) !== undefined
        ) {
          void useEvaluationStore.getState().loadEvaluation(runId, split)
        }
      }
    }),
  )

  void useDatasetsStore.getState().loadDatasets()
  void useTrainingStore.getState().loadModels()
  return () => {
    for (const off of offs) off()
  }
}
