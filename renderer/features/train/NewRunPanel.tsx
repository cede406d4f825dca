import { useState } from 'react'

import { ExcludedNote } from '../../components/ExcludedNote'
import { datasetsSelectors } from '../../stores/datasets/datasetsSelectors'
import { useDatasetsStore } from '../../stores/datasets/datasetsStore'
import { useTrainingStore } from '../../stores/training/trainingStore'
import { trainingSelectors } from '../../stores/training/trainingSelectors'
import { PresetPicker } from './PresetPicker'
import { RunEstimateNote } from './RunEstimateNote'
import { TrainSettings } from './TrainSettings'

/** The left column: preset, settings, and the start button. */
export function NewRunPanel() {
  const startRun = useTrainingStore((s) => s.startRun)
  const starting = useTrainingStore((s) => s.starting)
  const active = useTrainingStore(trainingSelectors.activeRun)
  const [name, setName] = useState('')
  const dataset = useDatasetsStore(datasetsSelectors.current)
  return (
    <aside className="new-run" aria-label="New run">
      <div className="new-run-scroll">
        <h2>New run</h2>
        <ExcludedNote dataset={dataset} from="training" />
        <PresetPicker />
        <TrainSettings />
      </div>
      <RunEstimateNote />
      <form
        className="new-run-start"
        onSubmit={(e) => {
          e.preventDefault()
          void startRun(name.trim() || undefined)
          setName('')
        }}
      >
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="Run name (optional)"
          aria-label="Run name"
          data-testid="run-name"
        />
        <button
          type="submit"
          className="primary"
          disabled={starting || active !== null}
          title={
            active !== null ? 'One run at a time: stop or finish the current one first' : undefined
          }
          data-testid="train-start"
        >
          {starting ? 'Starting…' : 'Train a model'}
        </button>
      </form>
    </aside>
  )
}
