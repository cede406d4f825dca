type Series = Readonly<{ name: string; values: readonly (number | null)[]; color: string }>

type Props = Readonly<{
  title: string
  series: readonly Series[]
  /** Epochs shown so far (1-based count); the x axis always spans every epoch of the run. */
  shown: number
  total: number
  /** Fixed y range, e.g. [0, 1] for accuracy; default from the data. */
  yRange?: readonly [number, number]
  format: (v: number) => string
  testId?: string
}>

const W = 520
const H = 220
const PAD = { left: 62, right: 16, top: 34, bottom: 34 }

/**
 * A line chart drawn in SVG for a projector: large type, thick lines, the axes fixed to the whole
 * run so the curves grow epoch by epoch, the current value labelled at each line's end.
 */
export function CurveChart({ title, series, shown, total, yRange, format, testId }: Props) {
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null))
  const [lo, hi] = yRange ?? [Math.min(0, ...all), Math.max(1e-6, ...all) * 1.05]
  const x = (i: number) =>
    PAD.left + (total <= 1 ? 0 : (i / (total - 1)) * (W - PAD.left - PAD.right))
  const y = (v: number) => PAD.top + (1 - (v - lo) / (hi - lo || 1)) * (H - PAD.top - PAD.bottom)
  const ticks = [lo, (lo + hi) / 2, hi]
  return (
    <svg
      className="present-chart"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={title}
      data-testid={testId}
    >
      <text x={PAD.left} y={22} className="present-chart-title">
        {title}
      </text>
      {series.map((s, k) => {
        const last = s.values[shown - 1]
        return (
          <text
            key={s.name}
            x={W - PAD.right - (series.length - 1 - k) * 150}
            y={22}
            textAnchor="end"
            className="present-value"
            fill={s.color}
          >
            {s.name} {last === null || last === undefined ? '–' : format(last)}
          </text>
        )
      })}
      {ticks.map((t) => (
        <g key={t}>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} className="present-grid" />
          <text x={PAD.left - 8} y={y(t) + 5} textAnchor="end" className="present-tick">
            {format(t)}
          </text>
        </g>
      ))}
      <text x={PAD.left} y={H - 8} className="present-tick">
        epoch 1
      </text>
      <text x={W - PAD.right} y={H - 8} textAnchor="end" className="present-tick">
        {total}
      </text>
      {series.map((s) => {
        const points = s.values
          .slice(0, shown)
          .flatMap((v, i) => (v === null ? [] : [`${x(i).toFixed(1)},${y(v).toFixed(1)}`]))
        const last = s.values[shown - 1]
        return (
          <g key={s.name} data-series={s.name} data-points={points.length}>
            <polyline
              points={points.join(' ')}
              fill="none"
              stroke={s.color}
              strokeWidth={4}
              strokeLinejoin="round"
            />
            {last !== null && last !== undefined ? (
              <circle cx={x(shown - 1)} cy={y(last)} r={6} fill={s.color} />
            ) : null}
          </g>
        )
      })}
    </svg>
  )
}
