import { memo } from 'react'
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'

import type { ThemeColors } from '../../lib/useThemeColors'
import '../components.css'

export type XYPoint = Readonly<{ x: number; y: number | null }>

export type LineSeries = Readonly<{
  id: string
  name: string
  color: string
  points: readonly XYPoint[]
  dashed?: boolean
  width?: number
  opacity?: number
}>

type Props = Readonly<{
  title: string
  series: readonly LineSeries[]
  colors: ThemeColors
  height?: number
  xLabel?: string
  /** A vertical marker, e.g. the epoch a slider points at. */
  markerX?: number | null
  /** Right end of the x axis (a run's planned epochs), so a live run's curves grow into it. */
  xMax?: number
  /** Left end of the x axis: 0 unless told, 'dataMin' to start at the first point. */
  xMin?: number | 'dataMin'
  /** Fixed y range, e.g. [0, 1] for accuracy. */
  yDomain?: readonly [number, number]
  formatY?: (value: number) => string
  testId: string
}>

const formatX = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(2))

/**
 * Several line series on a shared numeric x axis, without animation (points arrive live and an
 * animation per point would never settle). `data-points` tells tests how many points it holds.
 */
export const LineChartPanel = memo(function LineChartPanel({
  title,
  series,
  colors,
  height = 240,
  xLabel = 'epoch',
  xMax,
  xMin = 0,
  markerX = null,
  yDomain,
  formatY,
  testId,
}: Props) {
  const points = series.reduce((n, s) => n + s.points.length, 0)
  return (
    <figure className="chart-panel" data-testid={testId} data-points={points} aria-label={title}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 480, height }}>
        <LineChart margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke={colors.grid} strokeDasharray="3 3" />
          <XAxis
            type="number"
            dataKey="x"
            domain={[
              xMin,
              xMax === undefined ? 'dataMax' : (dataMax: number) => Math.max(dataMax, xMax),
            ]}
            allowDecimals={false}
            tickFormatter={formatX}
            stroke={colors.muted}
            fontSize={colors.fontSize}
            label={{
              value: xLabel,
              position: 'insideBottomRight',
              offset: -2,
              fill: colors.muted,
              fontSize: colors.fontSize,
            }}
          />
          <YAxis
            domain={yDomain ? [yDomain[0], yDomain[1]] : ['auto', 'auto']}
            stroke={colors.muted}
            fontSize={colors.fontSize}
            // Wide enough for "100%" or "2.75" at the current text size (large text included).
            width={Math.round(colors.fontSize * 3.8)}
            {...(formatY ? { tickFormatter: formatY } : {})}
          />
          <Tooltip
            isAnimationActive={false}
            contentStyle={{
              background: colors.panel,
              borderColor: colors.grid,
              fontSize: colors.fontSize,
            }}
            labelFormatter={(x) => `epoch ${formatX(Number(x))}`}
            formatter={(value) =>
              typeof value === 'number' ? (formatY ?? ((v: number) => v.toFixed(3)))(value) : value
            }
          />
          {markerX !== null ? (
            <ReferenceLine x={markerX} stroke={colors.fg} strokeDasharray="4 3" />
          ) : null}
          <Legend wrapperStyle={{ fontSize: colors.fontSize }} itemSorter={null} />
          {series.map((s) => (
            <Line
              key={s.id}
              name={s.name}
              data={s.points as XYPoint[]}
              dataKey="y"
              type="linear"
              stroke={s.color}
              strokeWidth={s.width ?? 2}
              strokeOpacity={s.opacity ?? 1}
              {...(s.dashed ? { strokeDasharray: '6 4' } : {})}
              dot={s.points.length < 30 && !s.id.includes('batch') ? { r: 2.5 } : false}
              isAnimationActive={false}
              connectNulls
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  )
})
