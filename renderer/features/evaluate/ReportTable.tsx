import type { ClassificationReport, Emotion } from '../../../shared/domain'
import { EmotionDot } from '../../components/EmotionDot'
import { formatCount } from '../../lib/format'

const f2 = (x: number): string => x.toFixed(2)

/** scikit-learn's classification report as a table, with a bar under each F1. */
export function ReportTable({
  report,
  names,
}: Readonly<{ report: ClassificationReport; names: readonly Emotion[] }>) {
  return (
    <table className="report-table" data-testid="classification-report">
      <thead>
        <tr>
          <th />
          <th className="num">precision</th>
          <th className="num">recall</th>
          <th className="num">f1-score</th>
          <th className="num">support</th>
        </tr>
      </thead>
      <tbody>
        {report.perClass.map((m, i) => {
          const name = names[i] as Emotion
          return (
            <tr key={name} data-testid={`report-row-${name}`}>
              <th scope="row">
                <span className="row">
                  <EmotionDot emotion={name} /> {name}
                </span>
              </th>
              <td className="num">{f2(m.precision)}</td>
              <td className="num">{f2(m.recall)}</td>
              <td className="num f1-cell">
                <span className="f1-bar" style={{ width: `${m.f1 * 100}%` }} />
                <span className="f1-value">{f2(m.f1)}</span>
              </td>
              <td className="num">{formatCount(m.support)}</td>
            </tr>
          )
        })}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">accuracy</th>
          <td />
          <td />
          <td className="num">{f2(report.accuracy)}</td>
          <td className="num">{formatCount(report.total)}</td>
        </tr>
        <tr>
          <th scope="row">macro avg</th>
          <td className="num">{f2(report.macro.precision)}</td>
          <td className="num">{f2(report.macro.recall)}</td>
          <td className="num">{f2(report.macro.f1)}</td>
          <td className="num">{formatCount(report.total)}</td>
        </tr>
        <tr>
          <th scope="row">weighted avg</th>
          <td className="num">{f2(report.weighted.precision)}</td>
          <td className="num">{f2(report.weighted.recall)}</td>
          <td className="num">{f2(report.weighted.f1)}</td>
          <td className="num">{formatCount(report.total)}</td>
        </tr>
      </tfoot>
    </table>
  )
}
