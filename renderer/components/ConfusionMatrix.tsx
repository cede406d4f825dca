import { EMOTIONS, EMOTION_COLORS } from '../../shared/domain'
import type { Emotion } from '../../shared/domain'
import { formatCount } from '../lib/format'
import { useRovingGrid } from '../lib/useRovingGrid'
import './confusionMatrix.css'

type Props = Readonly<{
  /** 7x7 counts, rows = true label, columns = predicted. */
  matrix: readonly (readonly number[])[]
  /** Show each row as fractions of its total (recall on the diagonal). */
  normalized: boolean
  /** Per-cell change against another run (this minus that), shown under each value. */
  diff?: readonly (readonly number[])[] | null
  /** Makes cells buttons that open their faces. */
  onCellClick?: ((truth: Emotion, predicted: Emotion) => void) | undefined
  caption: string
  /** Axis names (default: true labels down the rows, predicted across the columns). */
  axes?: Readonly<{ rows: string; columns: string }>
  testId?: string
}>

/**
 * The confusion matrix as a heatmap. Colour always follows the row share (so a scarce class's
 * row is as readable as a large one's): blue on the diagonal (right), red off it (confusions).
 * With `onCellClick` every cell is a button, one of them in the tab order at a time: arrow keys
 * move between cells, Enter or Space opens one (an empty cell opens nothing).
 */
export function ConfusionMatrix({
  matrix,
  normalized,
  diff = null,
  onCellClick,
  caption,
  axes = { rows: 'true', columns: 'predicted' },
  testId = 'confusion-matrix',
}: Props) {
  const rowTotals = matrix.map((row) => row.reduce((a, b) => a + b, 0))
  const roving = useRovingGrid(EMOTIONS.length, EMOTIONS.length)
  return (
    <table
      className="cm"
      data-testid={testId}
      aria-label={caption}
      onKeyDown={onCellClick ? roving.onKeyDown : undefined}
    >
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th className="cm-corner">
            <span className="cm-axis-true">{axes.rows} ↓</span>
            <span className="cm-axis-pred">{axes.columns} →</span>
          </th>
          {EMOTIONS.map((e) => (
            <th key={e} scope="col" className="cm-col-head" style={{ color: EMOTION_COLORS[e] }}>
              {e}
            </th>
          ))}
          <th scope="col" className="cm-col-head muted">
            total
          </th>
        </tr>
      </thead>
      <tbody>
        {EMOTIONS.map((truth, r) => {
          const total = rowTotals[r] ?? 0
          return (
            <tr key={truth}>
              <th
                scope="row"
                className="cm-row-head"
                style={{ borderLeftColor: EMOTION_COLORS[truth] }}
              >
                {truth}
              </th>
              {EMOTIONS.map((predicted, c) => {
                const count = matrix[r]?.[c] ?? 0
                const share = total === 0 ? 0 : count / total
                const delta = diff?.[r]?.[c] ?? null
                const isDiagonal = r === c
                const alpha = Math.min(0.92, share * 1.1)
                const background = `rgba(var(${isDiagonal ? '--cm-good' : '--cm-bad'}), ${alpha})`
                const better = delta !== null && delta !== 0 && (isDiagonal ? delta > 0 : delta < 0)
                const label = `${axes.rows} ${truth}, ${axes.columns} ${predicted}: ${count} faces (${(share * 100).toFixed(1)}% of ${truth})`
                const content = (
                  <>
                    <span className="cm-value">
                      {normalized
                        ? (share * 100).toFixed(share >= 0.995 || share === 0 ? 0 : 1)
                        : formatCount(count)}
                    </span>
                    {delta !== null && delta !== 0 ? (
                      <span
                        className={better ? 'cm-delta better' : 'cm-delta worse'}
                        data-testid={`cm-delta-${truth}-${predicted}`}
                      >
                        {delta > 0 ? '+' : '−'}
                        {Math.abs(delta)}
                      </span>
                    ) : null}
                  </>
                )
                return (
                  <td
                    key={predicted}
                    className={['cm-cell', isDiagonal && 'diagonal', alpha > 0.5 && 'dark']
                      .filter(Boolean)
                      .join(' ')}
                    style={{ backgroundColor: background }}
                    data-testid={`cm-cell-${truth}-${predicted}`}
                    data-count={count}
                    title={label}
                  >
                    {onCellClick ? (
                      <button
                        type="button"
                        className="cm-button"
                        {...roving.cellProps(r, c)}
                        onClick={() => count > 0 && onCellClick(truth, predicted)}
                        aria-disabled={count === 0}
                        aria-label={count > 0 ? `Open the ${label}` : label}
                      >
                        {content}
                      </button>
                    ) : (
                      content
                    )}
                  </td>
                )
              })}
              <td className="cm-total num muted">{formatCount(total)}</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
