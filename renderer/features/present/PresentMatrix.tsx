import { EMOTIONS } from '../../../shared/domain'
import { EMOTION_SHORT } from '../../lib/emotionKeys'

/**
 * The validation confusion matrix after one epoch, rows as percentages of the true class, in
 * type large enough for the back of a room; the diagonal in the accent colour.
 */
export function PresentMatrix({ confusion }: Readonly<{ confusion: number[][] | null }>) {
  if (confusion === null) return <p className="present-muted">No validation faces in this run.</p>
  return (
    <table className="present-matrix" data-testid="present-matrix" aria-label="Confusion matrix">
      <thead>
        <tr>
          <th className="present-corner">true \ predicted</th>
          {EMOTIONS.map((e) => (
            <th key={e} scope="col">
              {EMOTION_SHORT[e]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {confusion.map((row, t) => {
          const total = row.reduce((a, b) => a + b, 0)
          return (
            <tr key={EMOTIONS[t]}>
              <th scope="row">{EMOTION_SHORT[EMOTIONS[t] ?? 'neutral']}</th>
              {row.map((count, p) => {
                const share = total > 0 ? count / total : 0
                const rgb = t === p ? 'var(--cm-good)' : 'var(--cm-bad)'
                return (
                  <td
                    key={p}
                    style={{ backgroundColor: `rgba(${rgb}, ${(share * 0.85).toFixed(3)})` }}
                    className={share > 0.5 ? 'strong' : undefined}
                  >
                    {total > 0 ? Math.round(share * 100) : '–'}
                  </td>
                )
              })}
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
