import { useTrainingStore } from '../stores/training/trainingStore'
import { humanEpoch, runProgress, trainingSelectors } from '../stores/training/trainingSelectors'
import { useUiStore, uiSelectors } from '../stores/ui/uiStore'
import { formatDuration } from '../lib/format'
import { runBudget } from '../features/train/runBudget'

const BACKEND_LABEL = {
  open: 'Backend connected',
  connecting: 'Connecting…',
  closed: 'Backend disconnected',
}

/** Backend connection and the running training, always visible at the bottom. */
export function StatusBar() {
  const backend = useUiStore(uiSelectors.backend)
  const info = useUiStore(uiSelectors.appInfo)
  const setScreen = useUiStore((s) => s.setScreen)
  const active = useTrainingStore(trainingSelectors.activeRun)
  const batch = useTrainingStore(trainingSelectors.latestBatch(active?.id ?? null))
  const trace = useTrainingStore(trainingSelectors.trace(active?.id ?? null))
  const epochs = active?.config.epochs ?? 0
  // A time-budget run's progress is the share of its budget spent; its epoch count is a bound.
  const budget = active !== null ? runBudget(active, batch?.elapsedMs) : null
  const progress =
    batch === undefined ? null : (budget?.progress ?? runProgress(trace, batch, epochs))
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span className={`status-dot status-${backend}`} aria-hidden="true" />
      <span data-testid="backend-status">{BACKEND_LABEL[backend]}</span>
      {info ? (
        <span className="muted">
          {info.shell === 'electron' ? 'Desktop' : 'Browser'} · v{info.version}
        </span>
      ) : null}
      <span className="spacer" />
      {active !== null ? (
        <button
          type="button"
          className="status-training ghost small"
          onClick={() => setScreen('train')}
          data-testid="status-training"
        >
          <span>
            {active.status === 'paused' ? 'Paused' : 'Training'} “{active.name}”
          </span>
          {active.backend ? (
            <span className="muted">
              {active.backend}
              {active.threads ? ` × ${active.threads}` : ''}
            </span>
          ) : null}
          {batch ? (
            <span>
              epoch {humanEpoch(trace, batch.epoch)}
              {budget === null ? `/${epochs}` : ` · ${budget.text}`}
            </span>
          ) : null}
          {progress !== null ? (
            <span className="status-progress" aria-hidden="true">
              <span style={{ width: `${progress * 100}%` }} />
            </span>
          ) : null}
          {batch ? <span>{batch.facesPerSecond.toFixed(0)} faces/s</span> : null}
          {batch?.etaMs != null ? <span>ETA {formatDuration(batch.etaMs)}</span> : null}
        </button>
      ) : (
        <span className="muted">No training running</span>
      )}
    </footer>
  )
}
