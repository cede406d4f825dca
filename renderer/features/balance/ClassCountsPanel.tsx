import type { DatasetSummary } from '../../../shared/domain'
import { ClassBarChart } from '../../components/charts/ClassBarChart'
import { EmotionDot } from '../../components/EmotionDot'
import { formatCount, formatPercent } from '../../lib/format'
import { useThemeColors } from '../../lib/useThemeColors'
import { imbalance } from './imbalance'

const SPLIT_TITLES = { train: 'Train', validation: 'Validation', test: 'Test' } as const

/** Per-class counts for each split as bars, and a table that says how much smaller each class is. */
export function ClassCountsPanel({ dataset }: Readonly<{ dataset: DatasetSummary }>) {
  const colors = useThemeColors()
  const train = imbalance(dataset.counts.train)
  const scarce = train.rows.find((r) => r.emotion === train.scarcest) ?? null
  const splits = (['train', 'validation', 'test'] as const).filter((s) =>
    dataset.counts[s].some((n) => n > 0),
  )
  return (
    <section className="panel" aria-label="Class counts" data-testid="balance-counts">
      <div className="panel-title">
        Class counts per split
        {scarce ? (
          <span className="badge danger" data-testid="scarcest-class">
            {scarce.emotion}: {formatCount(scarce.count)} train faces,{' '}
            {scarce.timesSmaller.toFixed(1)}× fewer than the largest class
          </span>
        ) : null}
      </div>
      <div className="panel-body balance-counts">
        <div className="balance-charts">
          {splits.map((split) => (
            <ClassBarChart
              key={split}
              title={`${SPLIT_TITLES[split]} (${formatCount(dataset.counts[split].reduce((a, b) => a + b, 0))})`}
              series={[{ key: 'count', name: 'faces', values: dataset.counts[split] }]}
              colors={colors}
              highlight={train.scarcest}
              shortLabels
              height={200}
              testId={`chart-counts-${split}`}
            />
          ))}
        </div>
        <table className="imbalance-table">
          <thead>
            <tr>
              <th>Class</th>
              <th className="num">Train</th>
              <th className="num">Share</th>
              <th className="num">vs largest</th>
            </tr>
          </thead>
          <tbody>
            {train.rows.map((row) => (
              <tr
                key={row.emotion}
                className={row.emotion === train.scarcest ? 'scarce' : undefined}
              >
                <td>
                  <span className="row">
                    <EmotionDot emotion={row.emotion} /> {row.emotion}
                  </span>
                </td>
                <td className="num">{formatCount(row.count)}</td>
                <td className="num">{formatPercent(row.share)}</td>
                <td className="num">
                  {row.timesSmaller === 1
                    ? 'largest'
                    : Number.isFinite(row.timesSmaller)
                      ? `1 / ${row.timesSmaller.toFixed(1)}`
                      : 'none'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
