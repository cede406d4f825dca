import { studio } from '../../api/client'
import { useUiStore } from '../ui/uiStore'
import { createProgressBuffer } from './progressBuffer'
import { useTrainingStore } from './trainingStore'

/**
 * Live training progress into the store, outside React (docs/ARCHITECTURE.md): only the components
 * that read a run's trace re-render, and at most a few times a second (progressBuffer.ts).
 */
export function connectTrainingEvents(): () => void {
  const get = useTrainingStore.getState
  const buffer = createProgressBuffer((runId, batches, epochs) =>
    get().appendProgress(runId, batches, epochs),
  )
  const offs = [
    studio.on('training.batchEnded', ({ runId, logs }) => buffer.batch(runId, logs)),
    studio.on('training.epochEnded', ({ runId, record }) => buffer.epoch(runId, record)),
    studio.on('training.statusChanged', ({ summary }) => {
      buffer.flush()
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
    buffer.dispose()
  }
}
