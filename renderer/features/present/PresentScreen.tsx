import { useEffect } from 'react'

import type { RunId } from '../../../shared/domain'
import { EmptyState } from '../../components/EmptyState'
import { usePresentStore } from '../../stores/present/presentStore'
import { useTrainingStore } from '../../stores/training/trainingStore'
import { trainingSelectors } from '../../stores/training/trainingSelectors'
import { useUiStore } from '../../stores/ui/uiStore'
import { PresentStage } from './PresentStage'
import './present.css'

/** Present mode: pick a finished run, then replay it full screen for a room. */
export function PresentScreen() {
  const runs = usePresentStore((s) => s.runs)
  const runId = usePresentStore((s) => s.runId)
  const status = usePresentStore((s) => s.status)
  const trainRun = useTrainingStore(trainingSelectors.selectedRunId)
  const setScreen = useUiStore((s) => s.setScreen)
  const { loadRuns, load } = usePresentStore.getState()
  useEffect(() => {
    void loadRuns()
  }, [loadRuns])
  // Open on the run the Train screen shows, else the newest.
  useEffect(() => {
    if (runId !== null || runs.length === 0) return
    const first = runs.find((r) => r.id === trainRun) ?? runs[0]
    if (first) void load(first.id)
  }, [runId, runs, trainRun, load])

  if (runs.length === 0) {
    return (
      <EmptyState
        title="No finished run to present"
        testId="present-empty"
        action={
          <button type="button" className="primary" onClick={() => setScreen('train')}>
            Train a model
          </button>
        }
      >
        Present mode replays a run's curves, confusion matrix and sample faces epoch by epoch.
      </EmptyState>
    )
  }
  const picker = (
    <select
      className="present-picker"
      value={runId ?? ''}
      onChange={(e) => void load(Number(e.target.value) as RunId)}
      aria-label="Run"
      data-testid="present-run"
    >
      {runs.map((r) => (
        <option key={r.id} value={r.id}>
          {r.name} ({r.epochsDone} epochs)
        </option>
      ))}
    </select>
  )
  return status === 'ready' ? (
    <PresentStage onExit={() => setScreen('evaluate')} picker={picker} />
  ) : (
    <div className="present-loading muted">
      {status === 'error' ? 'Could not load the run.' : 'Loading…'}
    </div>
  )
}
