import { studio } from '../../api/client'
import { useUiStore } from '../ui/uiStore'
import { useTrainingStore } from './trainingStore'

/**
 * Live training progress into the store, outside React (docs/ARCHITECTURE.md): only the components
 * that read a run's trace re-render when a point arrives.
 */
export function connectTrainingEvents(): () => void {
  const get = useTrainingStore.getState
  const offs = [
    studio.on('training.batchEnded', ({ runId, logs }) => get().appendBatch(runId, logs)),
    studio.on('training.epochEnded', ({ runId, record }) => get().appendEpoch(runId, record)),
    studio.on('training.statusChanged', ({ summary }) => {
      const known = get().runs.some((r) => r.id === summary.id)
      get().upsertRun(summary)
      // A run started elsewhere (the CLI through the bridge, another window): fetch what it has.
      if (!known && summary.datasetId === get().datasetId) void get().loadRun(summary.id)
    }),
    studio.on('training.failed', ({ runId, error }) => {
      const run = get().runs.find((r) => r.id === runId)
      useUiStore
        .getState()
        .toast(
          'error',
          `Training ${run ? `“${run.name}”` : `run ${runId}`} failed: ${error.message}`,
        )
    }),
  ]
  return () => {
    for (const off of offs) off()
  }
}
