import { ProgressBar } from '../../components/ProgressBar'
import { formatDuration, formatPercent } from '../../lib/format'
import { humanEpoch, runProgress, trainingSelectors } from '../../stores/training/trainingSelectors'
import { useTrainingStore } from '../../stores/training/trainingStore'
import { ModelExport } from './ModelExport'
import { runBudget } from './runBudget'
import { runEtaText } from './runEta'
import { RunLoadingNote } from './RunLoadingNote'
import { RunStatusBadge } from './RunStatusBadge'

/** The selected run: status, controls, backend, speed, ETA and progress. */
export function RunHeader() {
  const run = useTrainingStore(trainingSelectors.selectedRun)
  const batch = useTrainingStore(trainingSelectors.latestBatch(run?.id ?? null))
  const trace = useTrainingStore(trainingSelectors.trace(run?.id ?? null))
  const { pauseRun, resumeRun, cancelRun } = useTrainingStore.getState()
  if (run === null) return null
  const lastEpoch = trace?.epochs[trace.epochs.length - 1]?.logs
  const live = run.status === 'running' || run.status === 'paused' || run.status === 'queued'
  const elapsedMs = batch?.elapsedMs ?? lastEpoch?.elapsedMs
  const budget = runBudget(run, elapsedMs)
  const progress =
    budget !== null
      ? budget.progress
      : batch !== undefined && live
        ? runProgress(trace, batch, run.config.epochs)
        : run.epochsDone / run.config.epochs
  const speed = batch?.facesPerSecond ?? lastEpoch?.facesPerSecond
  return (
    <div className="run-header panel" data-testid="run-header" data-run-id={run.id}>
      <div className="run-header-top">
        <h2>{run.name}</h2>
        <RunStatusBadge status={run.status} testId="run-status" />
        <span className="muted">{run.config.model}</span>
        <span className="spacer" />
        {run.status === 'running' || run.status === 'queued' ? (
          <button type="button" onClick={() => void pauseRun(run.id)} data-testid="run-pause">
            ❚❚ Pause
          </button>
        ) : null}
        {run.status === 'paused' || run.status === 'interrupted' ? (
          <button
            type="button"
            className="primary"
            onClick={() => void resumeRun(run.id)}
            data-testid="run-resume"
          >
            ▶ Resume
          </button>
        ) : null}
        {live ? (
          <button
            type="button"
            className="danger"
            onClick={() => void cancelRun(run.id)}
            data-testid="run-stop"
          >
            ■ Stop
          </button>
        ) : null}
      </div>
      <ProgressBar
        value={Math.round(progress * 1000)}
        max={1000}
        label="Training progress"
        testId="train-progress"
      />
      <RunLoadingNote run={run} />
      <dl className="run-stats">
        <div>
          <dt>Epoch</dt>
          <dd data-testid="run-epoch">
            {batch && live ? humanEpoch(trace, batch.epoch) : run.epochsDone}
            {budget === null ? ` / ${run.config.epochs}` : ''}
          </dd>
        </div>
        {budget !== null ? (
          <div>
            <dt>Budget</dt>
            <dd data-testid="run-budget">{budget.text}</dd>
          </div>
        ) : null}
        <div>
          <dt>Backend</dt>
          <dd data-testid="run-backend">
            {run.backend ?? '—'}
            {run.threads ? ` × ${run.threads} thread${run.threads === 1 ? '' : 's'}` : ''}
          </dd>
        </div>
        <div>
          <dt>Speed</dt>
          <dd data-testid="run-speed">
            {speed !== undefined ? `${speed.toFixed(0)} faces/s` : '—'}
          </dd>
        </div>
        <div>
          <dt>ETA</dt>
          <dd data-testid="run-eta">{runEtaText(run.status, batch?.etaMs ?? lastEpoch?.etaMs)}</dd>
        </div>
        <div>
          <dt>Elapsed</dt>
          <dd>{formatDuration(elapsedMs)}</dd>
        </div>
        <div>
          <dt>Val accuracy</dt>
          <dd>{formatPercent(lastEpoch?.valAccuracy)}</dd>
        </div>
        <div>
          <dt>Best</dt>
          <dd>
            {formatPercent(run.bestValAccuracy)}
            {run.bestEpoch !== null ? (
              <span className="muted"> @ {humanEpoch(trace, run.bestEpoch)}</span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>Learning rate</dt>
          <dd className="mono">
            {lastEpoch
              ? lastEpoch.learningRate.toExponential(1)
              : run.config.learningRate.toExponential(1)}
          </dd>
        </div>
      </dl>
      {run.bestEpoch !== null ? (
        <div className="row">
          <ModelExport runId={run.id} />
        </div>
      ) : null}
      {run.error ? <p className="error-text">{run.error}</p> : null}
    </div>
  )
}
