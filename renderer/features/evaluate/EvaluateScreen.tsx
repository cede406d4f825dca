import { useEffect } from 'react'

import type { RunId, Split } from '../../../shared/domain'
import { EmptyState } from '../../components/EmptyState'
import { RunSelect } from '../../components/RunSelect'
import { TtaSelect } from '../../components/TtaSelect'
import { ExcludedNote } from '../../components/ExcludedNote'
import { datasetsSelectors } from '../../stores/datasets/datasetsSelectors'
import { useDatasetsStore } from '../../stores/datasets/datasetsStore'
import { Segmented } from '../../components/Segmented'
import { splitsWithFaces } from '../../lib/splitsWithFaces'
import { evaluationSelectors, useEvaluationStore } from '../../stores/evaluation/evaluationStore'
import { bestFinishedRunId } from '../../stores/training/bestRun'
import { trainingSelectors } from '../../stores/training/trainingSelectors'
import { useTrainingStore } from '../../stores/training/trainingStore'
import { useUiStore } from '../../stores/ui/uiStore'
import { ModelExport } from '../train/ModelExport'
import { MatrixPanel } from './MatrixPanel'
import { RetrainPanel } from './RetrainPanel'
import './evaluate.css'

/** Confusion matrix, report, the matrix through the epochs, and the change against another run. */
export function EvaluateScreen() {
  const dataset = useDatasetsStore(datasetsSelectors.current)
  const runs = useTrainingStore(trainingSelectors.runs)
  const runsStatus = useTrainingStore((s) => s.runsStatus)
  const selectedTrainRun = useTrainingStore(trainingSelectors.selectedRunId)
  const loadRun = useTrainingStore((s) => s.loadRun)
  const setScreen = useUiStore((s) => s.setScreen)
  const runId = useEvaluationStore((s) => s.runId)
  const split = useEvaluationStore((s) => s.split)
  const normalized = useEvaluationStore((s) => s.normalized)
  const tta = useEvaluationStore((s) => s.tta)
  const compareRunId = useEvaluationStore((s) => s.compareRunId)
  const entry = useEvaluationStore(evaluationSelectors.entry(runId, split))
  const { setRun, setSplit, setNormalized, setTta, setCompareRun, evaluate, loadEvaluation } =
    useEvaluationStore.getState()

  const bestRun = bestFinishedRunId(runs)
  const splits = splitsWithFaces(dataset)
  // Open on the best finished run (else the one the Train screen shows), and fetch what this
  // screen needs of it.
  useEffect(() => {
    const pick = bestRun ?? selectedTrainRun
    if (runId === null && pick !== null) setRun(pick)
  }, [runId, bestRun, selectedTrainRun, setRun])
  // Only splits that hold faces are offered.
  useEffect(() => {
    const first = splits[0]
    if (first !== undefined && !splits.includes(split)) setSplit(first)
  }, [splits, split, setSplit])
  useEffect(() => {
    if (runId === null) return
    void loadRun(runId)
    void loadEvaluation(runId, split)
  }, [runId, split, loadRun, loadEvaluation])

  if (runs.length === 0 && runsStatus === 'ready') {
    return (
      <EmptyState
        title="No trained model yet"
        testId="evaluate-empty"
        action={
          <button type="button" className="primary" onClick={() => setScreen('train')}>
            Train a model
          </button>
        }
      >
        The confusion matrix, the per-class report and the epoch-by-epoch view appear once a model
        has trained.
      </EmptyState>
    )
  }

  const busy = entry?.status === 'evaluating'
  return (
    <div className="screen evaluate-screen">
      <div className="evaluate-toolbar">
        <h1>Evaluate</h1>
        <ExcludedNote dataset={dataset} from="new evaluations" />
        <RunSelect
          runs={runs}
          value={runId}
          onChange={setRun}
          describe={(r) => r.status}
          testId="eval-run"
        />
        <Segmented<Split>
          label="Split"
          value={split}
          onChange={setSplit}
          options={splits.map((s) => ({ value: s, label: s }))}
          testId="eval-split"
        />
        <Segmented<'counts' | 'normalized'>
          label="Cell values"
          value={normalized ? 'normalized' : 'counts'}
          onChange={(v) => setNormalized(v === 'normalized')}
          options={[
            { value: 'counts', label: 'Counts' },
            { value: 'normalized', label: 'Row %' },
          ]}
          testId="eval-normalize"
        />
        <label className="row">
          <span className="muted">Change vs</span>
          <select
            value={compareRunId ?? ''}
            onChange={(e) =>
              setCompareRun(e.target.value === '' ? null : (Number(e.target.value) as RunId))
            }
            data-testid="eval-compare"
          >
            <option value="">no other run</option>
            {runs
              .filter((r) => r.id !== runId)
              .map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
          </select>
        </label>
        <span className="spacer" />
        <TtaSelect
          run={runs.find((r) => r.id === runId)}
          value={tta}
          onChange={setTta}
          testId="eval-tta"
        />
        <button
          type="button"
          onClick={() => runId !== null && void evaluate(runId, split)}
          disabled={runId === null || busy}
          data-testid="evaluate-run"
        >
          {busy
            ? 'Evaluating…'
            : entry?.status === 'ready'
              ? `Re-evaluate on ${split}`
              : `Evaluate on ${split}`}
        </button>
      </div>
      {runId !== null && runs.some((r) => r.id === runId && r.bestEpoch !== null) ? (
        <div className="row">
          <ModelExport runId={runId} />
        </div>
      ) : null}
      {runId !== null ? <MatrixPanel runId={runId} /> : null}
      {runId !== null ? <RetrainPanel runId={runId} /> : null}
    </div>
  )
}
