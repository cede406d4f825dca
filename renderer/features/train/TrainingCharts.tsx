import { useMemo, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { runEpochAxis } from '../../../shared/domain'

import type { LineSeries } from '../../components/charts/LineChartPanel'
import { LineChartPanel } from '../../components/charts/LineChartPanel'
import { formatPercent } from '../../lib/format'
import { useThemeColors } from '../../lib/useThemeColors'
import type { ThemeColors } from '../../lib/useThemeColors'
import { runSeries } from '../../stores/training/trainingSelectors'
import type { SeriesPoint } from '../../stores/training/trainingSelectors'
import type { RunTrace } from '../../stores/training/slices/runsSlice'
import { useTrainingStore } from '../../stores/training/trainingStore'

type Metric = 'loss' | 'accuracy'

const xy = (points: readonly SeriesPoint[], metric: Metric) =>
  points.map((p) => ({ x: p.x, y: p[metric] }))

/** Colour of a compared run: series 3.. in the order they were ticked. */
export function compareColor(colors: ThemeColors, index: number): string {
  return colors.series[2 + (index % 4)] ?? colors.muted
}

function buildSeries(
  metric: Metric,
  main: { name: string; trace: RunTrace } | null,
  compared: readonly { name: string; trace: RunTrace }[],
  colors: ThemeColors,
  showBatches: boolean,
): LineSeries[] {
  const out: LineSeries[] = []
  if (main !== null) {
    const s = runSeries(main.trace)
    if (showBatches) {
      out.push({
        id: 'batch',
        name: 'train (per batch)',
        // Grey and thin, so it reads as the noisy background of the blue per-epoch line (and
        // its legend swatch differs) rather than a second blue curve.
        color: colors.muted,
        points: xy(s.batch, metric),
        width: 1,
        // Alone (first epoch) the batch curve is the story; later it is the background.
        opacity: s.train.length > 0 ? 0.55 : 0.9,
      })
    }
    out.push({
      id: 'train',
      name: 'train (per epoch)',
      color: colors.series[0] ?? colors.fg,
      points: xy(s.train, metric),
      width: 2.5,
    })
    out.push({
      id: 'validation',
      name: 'validation',
      color: colors.series[1] ?? colors.fg,
      points: xy(s.validation, metric),
      width: 2.5,
    })
  }
  compared.forEach((run, i) => {
    const s = runSeries(run.trace)
    const color = compareColor(colors, i)
    out.push({
      id: `cmp-val-${i}`,
      name: `${run.name}: validation`,
      color,
      points: xy(s.validation, metric),
      width: 2,
    })
    out.push({
      id: `cmp-train-${i}`,
      name: `${run.name}: train`,
      color,
      points: xy(s.train, metric),
      width: 1.5,
      dashed: true,
    })
  })
  return out
}

/**
 * Live loss and accuracy of the selected run (per batch and per epoch, train and validation),
 * with the validation curves of the runs ticked for comparison overlaid. Only this component
 * re-renders when a point arrives.
 */
export function TrainingCharts() {
  const colors = useThemeColors()
  const [showBatches, setShowBatches] = useState(true)
  const selectedId = useTrainingStore((s) => s.selectedRunId)
  const compareIds = useTrainingStore(useShallow((s) => s.compareIds))
  const names = useTrainingStore(useShallow((s) => s.runs.map((r) => `${r.id}\u0000${r.name}`)))
  const xMax = useTrainingStore((s) =>
    Math.max(
      0,
      ...s.runs.filter((r) => r.id === selectedId || s.compareIds.includes(r.id)).map(runEpochAxis),
    ),
  )
  const traces = useTrainingStore(
    useShallow((s) =>
      [selectedId, ...compareIds].map((id) => (id === null ? undefined : s.traces[id])),
    ),
  )
  const nameOf = useMemo(
    () => new Map(names.map((n) => n.split('\u0000') as [string, string])),
    [names],
  )

  const { loss, accuracy } = useMemo(() => {
    const [mainTrace, ...comparedTraces] = traces
    const main =
      selectedId !== null && mainTrace !== undefined
        ? { name: nameOf.get(String(selectedId)) ?? '', trace: mainTrace }
        : null
    const compared = compareIds.flatMap((id, i) => {
      const trace = comparedTraces[i]
      return trace === undefined ? [] : [{ name: nameOf.get(String(id)) ?? `run ${id}`, trace }]
    })
    return {
      loss: buildSeries('loss', main, compared, colors, showBatches),
      accuracy: buildSeries('accuracy', main, compared, colors, showBatches),
    }
  }, [traces, selectedId, compareIds, nameOf, colors, showBatches])

  return (
    <section className="training-charts panel" aria-label="Training curves">
      <div className="panel-title">
        Curves
        <span className="spacer" />
        <label className="row">
          <input
            type="checkbox"
            checked={showBatches}
            onChange={(e) => setShowBatches(e.target.checked)}
            data-testid="show-batches"
          />
          <span>per-batch points</span>
        </label>
      </div>
      <div className="panel-body charts-row">
        <LineChartPanel
          title="Loss"
          series={loss}
          colors={colors}
          xMax={xMax}
          testId="chart-loss"
        />
        <LineChartPanel
          title="Accuracy"
          series={accuracy}
          colors={colors}
          xMax={xMax}
          yDomain={[0, 1]}
          formatY={(v) => formatPercent(v, 0)}
          testId="chart-accuracy"
        />
      </div>
    </section>
  )
}
