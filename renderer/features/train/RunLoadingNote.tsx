import type { RunSummary } from '../../../shared/domain'
import { formatCount } from '../../lib/format'
import { datasetsSelectors } from '../../stores/datasets/datasetsSelectors'
import { useDatasetsStore } from '../../stores/datasets/datasetsStore'
import { trainingSelectors } from '../../stores/training/trainingSelectors'
import { useTrainingStore } from '../../stores/training/trainingStore'

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0)

/**
 * What a started run does before its first batch: it loads the dataset's faces (and builds the
 * model), which takes seconds on 30,000 faces; said with the counts so the wait has a reason.
 */
export function RunLoadingNote({ run }: Readonly<{ run: RunSummary }>) {
  const batch = useTrainingStore(trainingSelectors.latestBatch(run.id))
  const trace = useTrainingStore(trainingSelectors.trace(run.id))
  const dataset = useDatasetsStore(datasetsSelectors.current)
  const starting = run.status === 'queued' || run.status === 'running'
  const trained = batch !== undefined || (trace?.epochs.length ?? 0) > 0 || run.epochsDone > 0
  if (!starting || trained || dataset === null || dataset.id !== run.datasetId) return null
  const train = sum(dataset.counts.train)
  const validation = sum(dataset.counts.validation)
  const held = validation > 0 ? 0 : Math.round(train * run.config.holdoutFraction)
  const trainFaces = Math.min(train - held, run.config.maxTrainFaces ?? Infinity)
  const validationFaces = validation > 0 ? validation : held
  return (
    <p className="run-loading muted" role="status" data-testid="run-loading">
      <span className="spinner" aria-hidden="true" />
      Loading {formatCount(trainFaces)} faces to train on
      {validationFaces > 0 ? ` and ${formatCount(validationFaces)} to validate with` : ''}, then
      building the model…
    </p>
  )
}
