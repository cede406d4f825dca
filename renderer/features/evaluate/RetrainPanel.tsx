import type { RunId } from '../../../shared/domain'
import { evaluationDelta } from '../../../shared/domain'
import { studio } from '../../api/client'
import { formatPercent } from '../../lib/format'
import { evaluationSelectors, useEvaluationStore } from '../../stores/evaluation/evaluationStore'
import { useUiStore } from '../../stores/ui/uiStore'

type Props = Readonly<{ runId: RunId }>

const change = (before: number, after: number) => {
  const points = Math.round((after - before) * 1000) / 10
  return points === 0 ? '±0' : `${points > 0 ? '+' : '−'}${Math.abs(points)}`
}

/**
 * "Retrain after relabelling": one button trains again with this run's recipe on the labels as
 * they are now and makes this run the comparison, so the matrix shows the change per cell (as it
 * does for any compared run) and the table below the change per class.
 */
export function RetrainPanel({ runId }: Props) {
  const split = useEvaluationStore((s) => s.split)
  const compareRunId = useEvaluationStore((s) => s.compareRunId)
  const entry = useEvaluationStore(evaluationSelectors.entry(runId, split))
  const compareEntry = useEvaluationStore(evaluationSelectors.entry(compareRunId, split))
  const result = entry?.status === 'ready' ? entry.result : null
  const before = compareEntry?.status === 'ready' ? compareEntry.result : null
  const delta = result && before ? evaluationDelta(before.confusion, result.confusion) : null

  const retrain = async () => {
    const { data, error } = await studio.callSafe('training.retrain', { runId })
    if (error || !data) {
      useUiStore.getState().toast('error', `Could not retrain: ${error?.message ?? 'no answer'}`)
      return
    }
    useUiStore.getState().toast('info', `Retraining as “${data.run.name}”; compared with this run`)
    const { setRun, setCompareRun } = useEvaluationStore.getState()
    setRun(data.run.id)
    setCompareRun(data.basedOn)
  }

  return (
    <section className="retrain-panel" aria-label="Retrain after relabelling">
      <button
        type="button"
        onClick={() => void retrain()}
        data-testid="retrain"
        title="Train again with this run's recipe on the labels as they are now, and compare"
      >
        Retrain after relabelling
      </button>
      {delta ? (
        <table className="retrain-delta" data-testid="class-delta">
          <caption>Change per class against the compared run ({split})</caption>
          <thead>
            <tr>
              <th scope="col">class</th>
              <th scope="col">recall</th>
              <th scope="col">precision</th>
              <th scope="col">F1</th>
            </tr>
          </thead>
          <tbody>
            {delta.perClass.map((c) => (
              <tr key={c.emotion} data-testid={`class-delta-${c.emotion}`}>
                <th scope="row">{c.emotion}</th>
                <td title={`${formatPercent(c.recall.before)} → ${formatPercent(c.recall.after)}`}>
                  {change(c.recall.before, c.recall.after)}
                </td>
                <td>{change(c.precision.before, c.precision.after)}</td>
                <td>{change(c.f1.before, c.f1.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  )
}
