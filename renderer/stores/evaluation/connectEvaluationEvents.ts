import { studio } from '../../api/client'
import { useDatasetsStore } from '../datasets/datasetsStore'
import { evaluationKey, useEvaluationStore } from './evaluationStore'

/** Label changes come in bursts (a bulk relabel, undo): ask once they settle. */
const SETTLE_MS = 400

/**
 * Keeps "N faces changed since this evaluation" true: after labels or exclusions of the current
 * dataset change, the shown evaluation (and the one compared against) is asked again.
 */
export function connectEvaluationEvents(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null
  const off = studio.on('labels.changed', ({ datasetId }) => {
    if (datasetId !== useDatasetsStore.getState().currentId) return
    if (timer !== null) clearTimeout(timer)
    timer = setTimeout(() => {
      timer = null
      const { runId, compareRunId, split, entries, loadChanges } = useEvaluationStore.getState()
      for (const run of [runId, compareRunId]) {
        if (run !== null && entries[evaluationKey(run, split)]?.status === 'ready')
          void loadChanges(run, split)
      }
    }, SETTLE_MS)
  })
  return () => {
    if (timer !== null) clearTimeout(timer)
    off()
  }
}
