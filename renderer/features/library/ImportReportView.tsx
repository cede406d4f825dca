import type { FaceFinding, ImportReport } from '../../../shared/domain'
import { EMOTIONS } from '../../../shared/domain'
import { EmotionDot } from '../../components/EmotionDot'
import { formatCount, formatDuration } from '../../lib/format'

type Props = Readonly<{
  report: ImportReport
  /** Opens a finding's faces in the grid; its figure becomes a button when this is given. */
  onOpenFinding?: (finding: FaceFinding) => void
}>

type Stat = readonly [string, number, string, string | undefined, FaceFinding | undefined]

/** What an import did: counts, rejected rows (first few), duplicate and leakage findings. */
export function ImportReportView({ report, onOpenFinding }: Props) {
  const d = report.duplicates
  const stats: readonly Stat[] = [
    ['Imported', report.imported, 'report-imported', 'ok', undefined],
    [
      'Rejected',
      report.rejected,
      'report-rejected',
      report.rejected > 0 ? 'danger' : undefined,
      undefined,
    ],
    [
      'Duplicate groups',
      d.groups,
      'report-duplicates',
      d.groups > 0 ? 'warn' : undefined,
      'duplicates',
    ],
    [
      'Leak across splits',
      d.crossSplitGroups,
      'report-leakage',
      d.crossSplitGroups > 0 ? 'danger' : undefined,
      'leakage',
    ],
    [
      'Conflicting labels',
      d.conflictingGroups,
      'report-conflicts',
      d.conflictingGroups > 0 ? 'danger' : undefined,
      'conflicts',
    ],
    ['Blank faces', d.blankFaces, 'report-blank', d.blankFaces > 0 ? 'warn' : undefined, 'blank'],
  ]
  return (
    <div className="import-report" data-testid="import-report">
      <h2>
        Imported “{report.name}”{' '}
        <span className="muted">
          ({report.format}, {formatDuration(report.durationMs)})
        </span>
      </h2>
      <div className="report-stats">
        {stats.map(([label, value, testId, tone, finding]) =>
          finding !== undefined && value > 0 && onOpenFinding ? (
            <button
              key={label}
              type="button"
              className={`report-stat report-stat-button ${tone ?? ''}`}
              onClick={() => onOpenFinding(finding)}
              title="Open these faces"
              data-testid={testId}
            >
              <span className="report-stat-value">{formatCount(value)}</span>
              <span className="muted">{label}</span>
            </button>
          ) : (
            <div key={label} className={`report-stat ${tone ?? ''}`} data-testid={testId}>
              <span className="report-stat-value">{formatCount(value)}</span>
              <span className="muted">{label}</span>
            </div>
          ),
        )}
      </div>
      <table className="report-counts">
        <thead>
          <tr>
            <th>Split</th>
            {EMOTIONS.map((e) => (
              <th key={e} className="num">
                <span className="row">
                  <EmotionDot emotion={e} /> {e}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {(['train', 'validation', 'test'] as const).map((split) => (
            <tr key={split}>
              <td>{split}</td>
              {report.counts[split].map((n, i) => (
                <td key={i} className="num">
                  {formatCount(n)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {report.rejectedSample.length > 0 ? (
        <div className="rejected">
          <h3>
            Rejected rows{' '}
            {report.rejected > report.rejectedSample.length
              ? `(first ${report.rejectedSample.length} of ${formatCount(report.rejected)})`
              : ''}
          </h3>
          <table className="rejected-table" data-testid="report-rejected-rows">
            <thead>
              <tr>
                <th>File</th>
                <th className="num">Row</th>
                <th>Reason</th>
              </tr>
            </thead>
            <tbody>
              {report.rejectedSample.map((r, i) => (
                <tr key={i}>
                  <td className="mono">{r.file}</td>
                  <td className="num">{r.row ?? '—'}</td>
                  <td>{r.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.rejectedReportPath ? (
            <p className="hint">
              Full report: <span className="mono">{report.rejectedReportPath}</span>
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  )
}
