import { useMemo } from 'react'

import type { EpochRecord } from '../../../shared/contract'
import { EMOTIONS, EMOTION_COLORS } from '../../../shared/domain'
import type { LineSeries } from '../../components/charts/LineChartPanel'
import { LineChartPanel } from '../../components/charts/LineChartPanel'
import { formatPercent } from '../../lib/format'
import { useThemeColors } from '../../lib/useThemeColors'

type Props = Readonly<{
  epochs: readonly EpochRecord[]
  /** Turns a stored epoch number into the one people read. */
  epochNumber: (epoch: number) => number
  /** The epoch the slider shows, marked on the chart; null = none. */
  markerEpoch: number | null
}>

/** Validation recall of each class after every epoch: which emotions the network learns, and when. */
export function RecallByEpochChart({ epochs, epochNumber, markerEpoch }: Props) {
  const colors = useThemeColors()
  const series = useMemo<LineSeries[]>(
    () =>
      EMOTIONS.map((emotion, k) => ({
        id: emotion,
        name: emotion,
        color: EMOTION_COLORS[emotion],
        width: 2,
        points: epochs.map((record) => {
          const row = record.confusion?.[k] ?? []
          const total = row.reduce((a, b) => a + b, 0)
          return {
            x: epochNumber(record.logs.epoch),
            y: total === 0 ? null : (row[k] ?? 0) / total,
          }
        }),
      })),
    [epochs, epochNumber],
  )
  return (
    <LineChartPanel
      title="Recall per class, epoch by epoch (validation)"
      series={series}
      colors={colors}
      yDomain={[0, 1]}
      formatY={(v) => formatPercent(v, 0)}
      markerX={markerEpoch}
      // Epochs are numbered from 1: an axis from 0 would open on an empty column.
      xMin="dataMin"
      height={220}
      testId="chart-recall-epochs"
    />
  )
}
