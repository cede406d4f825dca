import { useEffect } from 'react'

import type { RunEstimate } from '../../../shared/domain'
import { formatCount, formatDuration } from '../../lib/format'
import { useDebounced } from '../../lib/useDebounced'
import { useTrainingStore } from '../../stores/training/trainingStore'

/** What the estimate rests on, in words. */
function basisText(e: RunEstimate): string {
  const speed = `${formatCount(Math.round(e.facesPerSecond))} faces/s`
  const run = `“${e.from.runName}”${e.from.backend ? ` on ${e.from.backend}` : ''}`
  return e.basis === 'measured'
    ? `${speed}, as measured in ${run}`
    : `${speed}, scaled by FLOPs from ${run} (${e.from.model}, ${formatCount(Math.round(e.from.facesPerSecond))} faces/s)`
}

/**
 * The next run's estimated time, before it starts, and what the estimate rests on: an earlier run
 * of the same model on this machine, or another model's speed scaled by FLOPs.
 */
export function RunEstimateNote() {
  const draft = useTrainingStore((s) => s.draft)
  const datasetId = useTrainingStore((s) => s.datasetId)
  const finishedEpochs = useTrainingStore((s) => s.runs.reduce((n, r) => n + r.epochsDone, 0))
  const estimate = useTrainingStore((s) => s.estimate)
  const loadEstimate = useTrainingStore((s) => s.loadEstimate)
  const settled = useDebounced(draft, 300)
  useEffect(() => {
    void loadEstimate()
  }, [settled, datasetId, finishedEpochs, loadEstimate])

  if (estimate === undefined) return null
  return (
    <p className="hint run-estimate" data-testid="run-estimate">
      {estimate === null ? (
        'No estimate yet: no model of this size has trained here; the first epoch will tell.'
      ) : (
        <>
          About <strong>{formatDuration(estimate.ms)}</strong>
          {estimate.capped ? ' (the time budget)' : ''}: {estimate.epochs} epochs ×{' '}
          {formatCount(estimate.facesPerEpoch)} faces at {basisText(estimate)}
          {draft.earlyStopping ? '; early stopping may end it sooner' : ''}.
        </>
      )}
    </p>
  )
}
