import { EmptyState } from '../../components/EmptyState'
import { datasetsSelectors } from '../../stores/datasets/datasetsSelectors'
import { useDatasetsStore } from '../../stores/datasets/datasetsStore'
import { trainingSelectors } from '../../stores/training/trainingSelectors'
import { useTrainingStore } from '../../stores/training/trainingStore'
import { useUiStore } from '../../stores/ui/uiStore'
import { NewRunPanel } from './NewRunPanel'
import { RunHeader } from './RunHeader'
import { RunsTable } from './RunsTable'
import { TrainingCharts } from './TrainingCharts'
import './train.css'

/** Pick a preset and settings, start; watch the live curves; compare runs. */
export function TrainScreen() {
  const dataset = useDatasetsStore(datasetsSelectors.current)
  const runs = useTrainingStore(trainingSelectors.runs)
  const runsStatus = useTrainingStore((s) => s.runsStatus)
  const setScreen = useUiStore((s) => s.setScreen)
  if (dataset === null) {
    return (
      <EmptyState
        title="No dataset to train on"
        action={
          <button type="button" className="primary" onClick={() => setScreen('library')}>
            Go to the Library
          </button>
        }
      />
    )
  }
  return (
    <div className="train-screen">
      <NewRunPanel />
      <section className="train-main" aria-label="Runs">
        {runs.length === 0 && runsStatus === 'ready' ? (
          <EmptyState title="No runs yet" testId="runs-empty">
            <p>
              Pick a preset on the left and press <strong>Train a model</strong>. The fast preset
              learns the demo dataset in a couple of minutes on a laptop CPU; the curves draw
              themselves while it trains.
            </p>
          </EmptyState>
        ) : (
          <>
            <RunHeader />
            <TrainingCharts />
            <RunsTable />
          </>
        )}
      </section>
    </div>
  )
}
