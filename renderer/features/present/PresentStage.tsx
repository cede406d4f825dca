import type { ReactNode } from 'react'

import { usePresentStore } from '../../stores/present/presentStore'
import { CurveChart } from './CurveChart'
import { PresentControls } from './PresentControls'
import { PresentMatrix } from './PresentMatrix'
import { SampleFaces } from './SampleFaces'
import { usePresentKeys } from './usePresentKeys'

const percent = (v: number) => `${Math.round(v * 100)}%`

/** The whole window for one run at one epoch: curves so far, the matrix, the sample faces. */
export function PresentStage({
  onExit,
  picker,
}: Readonly<{ onExit: () => void; picker: ReactNode }>) {
  const run = usePresentStore((s) => s.run)
  const index = usePresentStore((s) => s.epochIndex)
  usePresentKeys(onExit)
  if (!run) return null
  const epochs = run.epochs
  const current = epochs[index]
  const shown = index + 1
  const total = epochs.length
  const logs = epochs.map((e) => e.logs)
  return (
    <div className="present-stage" data-testid="present-stage">
      <header className="present-header">
        <div className="present-title">
          <span className="present-run">{run.summary.name}</span>
          <span className="present-muted present-subtitle">
            {run.summary.config.model} on {run.datasetName} {picker}
          </span>
        </div>
        <div className="present-epoch" data-testid="present-epoch">
          Epoch {current?.logs.epoch ?? 0} <span className="present-muted">/ {total}</span>
        </div>
      </header>
      <div className="present-bar">
        <PresentControls onExit={onExit} />
        <input
          type="range"
          className="present-scrubber"
          min={0}
          max={Math.max(0, total - 1)}
          value={index}
          onChange={(e) => usePresentStore.getState().seek(Number(e.target.value))}
          aria-label="Epoch"
        />
      </div>
      <div className="present-body">
        <div className="present-charts">
          <CurveChart
            title="Loss"
            shown={shown}
            total={total}
            format={(v) => v.toFixed(2)}
            series={[
              { name: 'train', values: logs.map((l) => l.loss), color: 'var(--series-1)' },
              { name: 'val', values: logs.map((l) => l.valLoss), color: 'var(--series-2)' },
            ]}
            testId="present-loss"
          />
          <CurveChart
            title="Accuracy"
            shown={shown}
            total={total}
            yRange={[0, 1]}
            format={percent}
            series={[
              { name: 'train', values: logs.map((l) => l.accuracy), color: 'var(--series-1)' },
              { name: 'val', values: logs.map((l) => l.valAccuracy), color: 'var(--series-2)' },
            ]}
            testId="present-accuracy"
          />
        </div>
        <div className="present-matrix-panel">
          <div className="present-section-title">Validation: true rows, % predicted</div>
          <PresentMatrix confusion={current?.confusion ?? null} />
        </div>
      </div>
      {run.samples ? (
        <SampleFaces samples={run.samples} epoch={current?.logs.epoch ?? 0} />
      ) : (
        <p className="present-muted present-no-samples">
          This run was trained before sample faces were recorded; train it again to see faces change
          their prediction epoch by epoch.
        </p>
      )}
    </div>
  )
}
