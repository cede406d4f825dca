import { useCallback, useEffect, useState } from 'react'

import { EMOTIONS, classificationReport } from '../../../shared/domain'
import type { RunId } from '../../../shared/domain'
import { ConfusionMatrix } from '../../components/ConfusionMatrix'
import { formatNumber, formatPercent } from '../../lib/format'
import { evaluationSelectors, useEvaluationStore } from '../../stores/evaluation/evaluationStore'
import { humanEpoch, trainingSelectors } from '../../stores/training/trainingSelectors'
import { useTrainingStore } from '../../stores/training/trainingStore'
import { RecallByEpochChart } from './RecallByEpochChart'
import { ReportTable } from './ReportTable'
import { StaleEvaluationNotice } from './StaleEvaluationNotice'

const PLAY_STEP_MS = 700

function subtract(
  a: readonly (readonly number[])[],
  b: readonly (readonly number[])[],
): number[][] {
  return a.map((row, r) => row.map((v, c) => v - (b[r]?.[c] ?? 0)))
}

/**
 * The matrix of the chosen run and split, a slider through the validation matrices of every
 * epoch (with play), the report beside it, and the per-cell change against another run.
 */
export function MatrixPanel({ runId }: Readonly<{ runId: RunId }>) {
  const split = useEvaluationStore((s) => s.split)
  const normalized = useEvaluationStore((s) => s.normalized)
  const epochIndex = useEvaluationStore((s) => s.epochIndex)
  const compareRunId = useEvaluationStore((s) => s.compareRunId)
  const entry = useEvaluationStore(evaluationSelectors.entry(runId, split))
  const compareEntry = useEvaluationStore(evaluationSelectors.entry(compareRunId, split))
  const openingCell = useEvaluationStore((s) => s.openingCell)
  const { setEpochIndex, openCell, evaluate } = useEvaluationStore.getState()
  const trace = useTrainingStore(trainingSelectors.trace(runId))
  const compareRun = useTrainingStore(trainingSelectors.run(compareRunId))
  const [playing, setPlaying] = useState(false)
  const epochNumber = useCallback((epoch: number) => humanEpoch(trace, epoch), [trace])

  // Epoch matrices are validation matrices; the slider exists on the validation split only.
  const epochs =
    split === 'validation' ? (trace?.epochs ?? []).filter((e) => e.confusion !== null) : []
  const scrubbing = epochIndex !== null && epochIndex < epochs.length
  const epochRecord = scrubbing ? epochs[epochIndex] : undefined
  const result = entry?.status === 'ready' ? entry.result : null

  useEffect(() => {
    if (!playing) return
    const timer = setInterval(() => {
      const { epochIndex: at } = useEvaluationStore.getState()
      const next = at === null ? 0 : at + 1
      if (next >= epochs.length) {
        setPlaying(false)
        setEpochIndex(null)
      } else setEpochIndex(next)
    }, PLAY_STEP_MS)
    return () => clearInterval(timer)
  }, [playing, epochs.length, setEpochIndex])

  const matrix = epochRecord?.confusion ?? result?.confusion ?? null
  const report = matrix !== null ? classificationReport(matrix) : null
  const compareResult = compareEntry?.status === 'ready' ? compareEntry.result : null
  const diff =
    !scrubbing && result !== null && compareResult !== null
      ? subtract(result.confusion, compareResult.confusion)
      : null
  const caption = epochRecord
    ? `Validation after epoch ${humanEpoch(trace, epochRecord.logs.epoch)}`
    : result
      ? `${split}, ${result.epoch === null ? 'best weights' : `epoch ${humanEpoch(trace, result.epoch)}`}` +
        (result.tta === 'none' ? '' : `, ${result.tta} TTA`)
      : ''

  return (
    <div className="matrix-layout">
      <section className="panel matrix-panel" aria-label="Confusion matrix">
        <div className="panel-title">
          Confusion matrix <span className="muted">{caption}</span>
          <span className="spacer" />
          {compareRun && !scrubbing && compareEntry?.status !== 'ready' ? (
            <span className="badge warn" data-testid="diff-missing">
              “{compareRun.name}” has no {split} evaluation yet
              <button
                type="button"
                className="small ghost"
                disabled={compareEntry?.status === 'evaluating'}
                onClick={() => void evaluate(compareRun.id, split)}
              >
                Evaluate it
              </button>
            </span>
          ) : null}
          {diff && compareRun ? (
            <span className="badge info" data-testid="diff-legend">
              change vs “{compareRun.name}”: <span className="better-text">green better</span>,{' '}
              <span className="worse-text">red worse</span>
            </span>
          ) : null}
        </div>
        <div className="panel-body">
          {!scrubbing && result !== null ? (
            <StaleEvaluationNotice runId={runId} split={split} />
          ) : null}
          {matrix !== null ? (
            <>
              <ConfusionMatrix
                matrix={matrix}
                normalized={normalized}
                diff={diff}
                caption={caption}
                onCellClick={
                  !scrubbing && result !== null
                    ? (truth, predicted) => void openCell(truth, predicted)
                    : undefined
                }
              />
              <p className="hint" aria-live="polite">
                {openingCell !== null ? (
                  <span className="opening-cell" data-testid="cell-opening">
                    <span className="spinner" aria-hidden="true" /> Opening the {openingCell.truth}{' '}
                    faces predicted as {openingCell.predicted}…
                  </span>
                ) : scrubbing ? (
                  'Scrubbing through epochs: cells open faces from the evaluation (move the slider to the end).'
                ) : (
                  'Click a cell to open exactly those faces in the grid and relabel them there.'
                )}
              </p>
            </>
          ) : entry?.status === 'missing' || entry?.status === 'error' ? (
            <div className="matrix-missing" data-testid="evaluation-missing">
              <p>
                {entry.status === 'error'
                  ? entry.message
                  : `This run has not been evaluated on ${split} yet.`}
              </p>
              <button type="button" className="primary" onClick={() => void evaluate(runId, split)}>
                Evaluate on {split}
              </button>
            </div>
          ) : (
            <p className="muted">{entry?.status === 'evaluating' ? 'Evaluating…' : 'Loading…'}</p>
          )}
          {epochs.length > 0 ? (
            <div className="epoch-scrubber">
              <button
                type="button"
                className="small"
                onClick={() => {
                  if (!playing && !scrubbing) setEpochIndex(0)
                  setPlaying(!playing)
                }}
                aria-pressed={playing}
                data-testid="epoch-play"
              >
                {playing ? '❚❚ Pause' : '▶ Play'}
              </button>
              <input
                type="range"
                min={0}
                max={epochs.length}
                step={1}
                value={scrubbing ? epochIndex : epochs.length}
                onChange={(e) => {
                  setPlaying(false)
                  const v = Number(e.target.value)
                  setEpochIndex(v >= epochs.length ? null : v)
                }}
                aria-label="Epoch"
                aria-valuetext={
                  epochRecord
                    ? `epoch ${humanEpoch(trace, epochRecord.logs.epoch)}`
                    : 'final evaluation'
                }
                data-testid="epoch-slider"
              />
              <span className="epoch-label" data-testid="epoch-label">
                {epochRecord
                  ? `epoch ${humanEpoch(trace, epochRecord.logs.epoch)} / ${epochs.length}`
                  : 'final'}
              </span>
            </div>
          ) : null}
        </div>
      </section>
      <section className="panel report-panel" aria-label="Classification report">
        <div className="panel-title">Report</div>
        <div className="panel-body">
          {report !== null ? (
            <>
              <div className="eval-stats">
                <div>
                  <span className="muted">Accuracy</span>
                  <strong data-testid="eval-accuracy">{formatPercent(report.accuracy)}</strong>
                </div>
                <div>
                  <span className="muted">Macro F1</span>
                  <strong>{formatNumber(report.macro.f1)}</strong>
                </div>
                <div>
                  <span className="muted">Weighted F1</span>
                  <strong>{formatNumber(report.weighted.f1)}</strong>
                </div>
                {!scrubbing && result?.loss != null ? (
                  <div>
                    <span className="muted">Loss</span>
                    <strong>{formatNumber(result.loss)}</strong>
                  </div>
                ) : epochRecord?.logs.valLoss != null ? (
                  <div>
                    <span className="muted">Val loss</span>
                    <strong>{formatNumber(epochRecord.logs.valLoss)}</strong>
                  </div>
                ) : null}
              </div>
              <ReportTable report={report} names={EMOTIONS} />
            </>
          ) : (
            <p className="muted">No numbers yet.</p>
          )}
          {epochs.length > 1 ? (
            <RecallByEpochChart
              epochs={epochs}
              epochNumber={epochNumber}
              markerEpoch={epochRecord ? epochNumber(epochRecord.logs.epoch) : null}
            />
          ) : null}
        </div>
      </section>
    </div>
  )
}
