import { runEpochsText } from '../../../shared/domain'
import { ConfirmButton } from '../../components/ConfirmButton'
import { formatDateTime, formatPercent } from '../../lib/format'
import { useThemeColors } from '../../lib/useThemeColors'
import { trainingSelectors } from '../../stores/training/trainingSelectors'
import { useTrainingStore } from '../../stores/training/trainingStore'
import { useUiStore } from '../../stores/ui/uiStore'
import { RunStatusBadge } from './RunStatusBadge'
import { compareColor } from './TrainingCharts'

/** All runs of the dataset; click to show one, tick others to overlay their curves. */
export function RunsTable() {
  const colors = useThemeColors()
  const runs = useTrainingStore(trainingSelectors.runs)
  const selectedId = useTrainingStore(trainingSelectors.selectedRunId)
  const compareIds = useTrainingStore(trainingSelectors.compareIds)
  const { selectRun, toggleCompare, deleteRun } = useTrainingStore.getState()
  const setScreen = useUiStore((s) => s.setScreen)
  return (
    <section className="panel runs-table-wrap" aria-label="Runs">
      <table className="runs-table" data-testid="runs-table">
        <thead>
          <tr>
            <th title="Overlay on the charts">Compare</th>
            <th>Run</th>
            <th>Status</th>
            <th className="col-model">Model</th>
            <th className="num">Epochs</th>
            <th className="num">Best val acc</th>
            <th className="col-backend">Backend</th>
            <th>Started</th>
            <th aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            const compareIndex = compareIds.indexOf(run.id)
            const isSelected = run.id === selectedId
            const swatch = isSelected
              ? colors.series[1]
              : compareIndex >= 0
                ? compareColor(colors, compareIndex)
                : 'transparent'
            return (
              <tr
                key={run.id}
                className={isSelected ? 'selected' : undefined}
                onClick={() => selectRun(run.id)}
                data-testid="run-row"
                data-run-id={run.id}
              >
                <td onClick={(e) => e.stopPropagation()}>
                  <span className="row">
                    <input
                      type="checkbox"
                      checked={isSelected || compareIndex >= 0}
                      disabled={isSelected}
                      onChange={() => toggleCompare(run.id)}
                      aria-label={`Compare ${run.name}`}
                      data-testid={`run-compare-${run.id}`}
                    />
                    <span className="run-swatch" style={{ backgroundColor: swatch }} />
                  </span>
                </td>
                <td>
                  <strong>{run.name}</strong>
                </td>
                <td>
                  <RunStatusBadge status={run.status} testId="run-row-status" />
                </td>
                <td className="col-model">{run.config.model}</td>
                <td className="num">{runEpochsText(run)}</td>
                <td className="num">{formatPercent(run.bestValAccuracy)}</td>
                <td className="col-backend">{run.backend ?? '—'}</td>
                <td className="muted">{formatDateTime(run.startedAt ?? run.createdAt)}</td>
                <td onClick={(e) => e.stopPropagation()} className="run-actions">
                  <button
                    type="button"
                    className="small ghost"
                    disabled={run.epochsDone === 0}
                    onClick={() => {
                      selectRun(run.id)
                      setScreen('evaluate')
                    }}
                  >
                    Evaluate
                  </button>
                  {trainingSelectors.isActive(run) ? null : (
                    <ConfirmButton
                      className="small ghost danger"
                      confirmLabel="Delete run?"
                      onConfirm={() => void deleteRun(run.id)}
                    >
                      Delete
                    </ConfirmButton>
                  )}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </section>
  )
}
