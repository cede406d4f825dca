import type { RunId, Split } from '../../../shared/domain'
import { formatCount } from '../../lib/format'
import { evaluationKey, useEvaluationStore } from '../../stores/evaluation/evaluationStore'

type Props = Readonly<{ runId: RunId; split: Split }>

/**
 * Says when faces were relabelled or excluded since the shown evaluation, so the matrix no longer
 * shows the data as it is, and offers to evaluate again.
 */
export function StaleEvaluationNotice({ runId, split }: Props) {
  const changed = useEvaluationStore((s) => s.changes[evaluationKey(runId, split)] ?? 0)
  const evaluating = useEvaluationStore(
    (s) => s.entries[evaluationKey(runId, split)]?.status === 'evaluating',
  )
  const evaluate = useEvaluationStore((s) => s.evaluate)
  if (changed === 0) return null
  return (
    <div className="stale-notice" role="status" data-testid="evaluation-stale">
      <span>
        <strong>
          {formatCount(changed)} {changed === 1 ? 'face' : 'faces'}
        </strong>{' '}
        changed since this evaluation (relabelled or excluded): the matrix shows the labels as they
        were.
      </span>
      <button
        type="button"
        className="small primary"
        disabled={evaluating}
        onClick={() => void evaluate(runId, split)}
        data-testid="evaluation-stale-rerun"
      >
        {evaluating ? 'Evaluating…' : `Re-evaluate on ${split}`}
      </button>
    </div>
  )
}
