import { memo, useRef } from 'react'
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'

import { EMOTIONS, EMOTION_COLORS } from '../../../shared/domain'
import type { Emotion } from '../../../shared/domain'
import { EMOTION_SHORT } from '../../lib/emotionKeys'
import { useElementSize } from '../../lib/useElementSize'
import type { ThemeColors } from '../../lib/useThemeColors'
import '../components.css'

export type BarSeries = Readonly<{
  key: string
  name: string
  /** Seven values, one per emotion in FER2013 order. */
  values: readonly number[]
  /** Fill opacity, so "before" can sit pale beside "after". */
  opacity?: number
}>

type Props = Readonly<{
  title: string
  series: readonly BarSeries[]
  colors: ThemeColors
  height?: number
  /** Draw this emotion's bars with an outline (the scarcest class). */
  highlight?: Emotion | null
  /** Three-letter axis labels; they are used anyway when the full names would not fit. */
  shortLabels?: boolean
  testId: string
}>

/** Per-emotion bars in the emotion colours; one bar per series for each emotion. */
export const ClassBarChart = memo(function ClassBarChart({
  title,
  series,
  colors,
  height = 220,
  highlight = null,
  shortLabels = false,
  testId,
}: Props) {
  const figure = useRef<HTMLElement>(null)
  const { width } = useElementSize(figure)
  // "surprise" is the longest name: about 8 characters of ~0.6 em each, per class, plus the axis.
  const fullNamesFit = width === 0 || width >= colors.fontSize * (4 + EMOTIONS.length * 5.4)
  const short = shortLabels || !fullNamesFit
  const data = EMOTIONS.map((emotion, i) => {
    const row: Record<string, string | number> = { emotion }
    for (const s of series) row[s.key] = s.values[i] ?? 0
    return row
  })
  return (
    <figure ref={figure} className="chart-panel" data-testid={testId} aria-label={title}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 360, height }}>
        <BarChart
          data={data}
          margin={{ top: 8, right: 8, bottom: 4, left: 0 }}
          barCategoryGap="18%"
        >
          <CartesianGrid stroke={colors.grid} strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="emotion"
            stroke={colors.muted}
            fontSize={colors.fontSize}
            interval={0}
            {...(short ? { tickFormatter: (e: string) => EMOTION_SHORT[e as Emotion] ?? e } : {})}
          />
          <YAxis
            stroke={colors.muted}
            fontSize={colors.fontSize}
            width={Math.round(colors.fontSize * 4)}
          />
          <Tooltip
            isAnimationActive={false}
            cursor={{ fill: colors.grid, opacity: 0.3 }}
            contentStyle={{
              background: colors.panel,
              borderColor: colors.grid,
              fontSize: colors.fontSize,
            }}
          />
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.name} isAnimationActive={false}>
              {EMOTIONS.map((emotion) => (
                <Cell
                  key={emotion}
                  fill={EMOTION_COLORS[emotion]}
                  fillOpacity={s.opacity ?? 1}
                  stroke={emotion === highlight ? colors.fg : 'none'}
                  strokeWidth={emotion === highlight ? 2 : 0}
                />
              ))}
            </Bar>
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  )
})
