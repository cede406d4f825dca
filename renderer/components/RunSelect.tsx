import type { RunId } from '../../shared/domain/ids'
import type { RunSummary } from '../../shared/domain/training'

export type RunSelectProps = Readonly<{
  runs: readonly RunSummary[]
  value: RunId | null
  onChange: (runId: RunId | null) => void
  /** What each option says after the run's name, e.g. its status or its model. */
  describe: (run: RunSummary) => string
  testId: string
}>

/** The labelled "Run" picker the Evaluate and Predict toolbars share. */
export function RunSelect({ runs, value, onChange, describe, testId }: RunSelectProps) {
  return (
    <label className="row">
      <span className="muted">Run</span>
      <select
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value === '' ? null : (Number(e.target.value) as RunId))}
        data-testid={testId}
      >
        {runs.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name} ({describe(r)})
          </option>
        ))}
      </select>
    </label>
  )
}
