import { useEffect } from 'react'

import type { RunEstimate } from '../../../shared/domain'
import { formatCount, formatDuration } from '../../lib/format'
import { useDebounced } from '../../lib/useDebounced'
import { useTrainingStore } from '../../stores/training/trainingStore'

/** What the estimate rests on, in words. */
function basisText(e: RunEstimate): string {
  const speed = `${formatCount(Math.round(e.facesPerSecond))} faces/s`
  if (e.probe !== null) {
    const seconds = Math.max(1, Math.round(e.probe.durationMs / 1000))
    return `${speed}, measured by a ${seconds}-second probe of ${e.probe.model} on ${e.probe.backend}`
  }
  if (e.from === null) return speed
  const run = `“${e.from.runName}”${e.from.backend ? ` on ${e.from.backend}` : ''}`
  return e.basis === 'measured'
    ? `${speed}, as measured in ${run}`
    : `${speed}, scaled by FLOPs from ${run} (${e.from.model}, ${formatCount(Math.round(e.from.facesPerSecond))} faces/s)`
}

/**
 * The next run's estimated time, before it starts, and what the estimate rests on: an earlier run
 * of the same model on this machine, a speed probe of it (measured here on a first run, "measuring
 * speed…" meanwhile), or another model's speed scaled by FLOPs.
 */
export function RunEstimateNote() {
  const draft = useTrainingStore((s) => s.draft)
  const datasetId = useTrainingStore((s) => s.datasetId)
  const finishedEpochs = useTrainingStore((s) => s.runs.reduce((n, r) => n + r.epochsDone, 0))
  const busy = useTrainingStore((s) =>
    s.runs.some((r) => r.status === 'running' || r.status === 'paused'),
  )
  const view = useTrainingStore((s) => s.estimate)
  const loadEstimate = useTrainingStore((s) => s.loadEstimate)
  const settled = useDebounced(draft, 300)
  useEffect(() => {
    void loadEstimate()
  }, [settled, datasetId, finishedEpochs, busy, loadEstimate])

  if (view === undefined) return null
  return (
    <p className="hint run-estimate" data-testid="run-estimate" data-state={view.kind}>
      {view.kind === 'measuring' || view.kind === 'probeNeeded' ? (
        'Measuring speed… (a few seconds of training steps on random faces)'
      ) : view.kind === 'afterCurrentRun' ? (
        'Estimate after the current run: measuring speed now would slow it.'
      ) : view.kind === 'unavailable' ? (
        `No estimate: ${view.reason}.`
      ) : (
        <>
          About <strong>{formatDuration(view.estimate.ms)}</strong>
          {view.estimate.capped ? ' (the time budget)' : ''}: {view.estimate.epochs} epochs ×{' '}
          {formatCount(view.estimate.facesPerEpoch)} faces at {basisText(view.estimate)}
          {draft.earlyStopping ? '; early stopping may end it sooner' : ''}.
        </>
      )}
    </p>
  )
}
