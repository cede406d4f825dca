import type { BatchLogs, RunId, RunSummary } from '../../../shared/domain'
import type { RunTrace } from './slices/runsSlice'
import type { TrainingStore } from './trainingStore'

/** A point on the loss/accuracy charts; x is in epochs (2.5 = halfway through the third). */
export type SeriesPoint = Readonly<{ x: number; loss: number | null; accuracy: number | null }>

export type RunSeries = Readonly<{
  batch: readonly SeriesPoint[]
  train: readonly SeriesPoint[]
  validation: readonly SeriesPoint[]
}>

/** Batch curves are thinned to about this many points: the eye cannot see more, recharts pays for each. */
export const MAX_BATCH_POINTS = 800

const ACTIVE = new Set(['queued', 'running', 'paused'])

/**
 * Whether the run numbers epochs from 0 (tfjs callbacks do) or from 1. Decided from the data so
 * the curves line up either way.
 */
function epochBase(trace: RunTrace): 0 | 1 {
  if (trace.epochs.some((e) => e.logs.epoch === 0) || trace.batches.some((b) => b.epoch === 0))
    return 0
  return trace.epochs.length > 0 || trace.batches.length > 0 ? 1 : 0
}

/** The 1-based epoch number people read ("epoch 3 of 10"), whatever the run's numbering. */
export function humanEpoch(trace: RunTrace | undefined, epoch: number): number {
  return epoch - (trace === undefined ? 0 : epochBase(trace)) + 1
}

/** Fraction of the run done after these batch logs, for progress bars. */
export function runProgress(trace: RunTrace | undefined, logs: BatchLogs, epochs: number): number {
  const done =
    humanEpoch(trace, logs.epoch) - 1 + (logs.batch + 1) / Math.max(1, logs.batchesPerEpoch)
  return Math.min(1, Math.max(0, done / Math.max(1, epochs)))
}

function batchX(logs: BatchLogs, base: 0 | 1): number {
  const perEpoch = Math.max(1, logs.batchesPerEpoch)
  return logs.epoch - base + Math.min(1, (logs.batch + 1) / perEpoch)
}

function thin<T>(points: readonly T[], max: number): readonly T[] {
  if (points.length <= max) return points
  const stride = Math.ceil(points.length / max)
  const out: T[] = []
  for (let i = 0; i < points.length; i += stride) out.push(points[i] as T)
  const last = points[points.length - 1] as T
  if (out[out.length - 1] !== last) out.push(last)
  return out
}

const seriesCache = new WeakMap<RunTrace, RunSeries>()

/** The chart series of a run, computed once per trace version. */
export function runSeries(trace: RunTrace): RunSeries {
  const cached = seriesCache.get(trace)
  if (cached !== undefined) return cached
  const base = epochBase(trace)
  const sorted = [...trace.epochs].sort((a, b) => a.logs.epoch - b.logs.epoch)
  const series: RunSeries = {
    batch: thin(
      trace.batches.map((b) => ({ x: batchX(b, base), loss: b.loss, accuracy: b.accuracy })),
      MAX_BATCH_POINTS,
    ),
    train: sorted.map((e) => ({
      x: e.logs.epoch - base + 1,
      loss: e.logs.loss,
      accuracy: e.logs.accuracy,
    })),
    validation: sorted
      .filter((e) => e.logs.valLoss !== null || e.logs.valAccuracy !== null)
      .map((e) => ({
        x: e.logs.epoch - base + 1,
        loss: e.logs.valLoss,
        accuracy: e.logs.valAccuracy,
      })),
  }
  seriesCache.set(trace, series)
  return series
}

export const trainingSelectors = {
  runs: (s: TrainingStore) => s.runs,
  models: (s: TrainingStore) => s.models,
  draft: (s: TrainingStore) => s.draft,
  selectedRunId: (s: TrainingStore) => s.selectedRunId,
  compareIds: (s: TrainingStore) => s.compareIds,
  selectedRun: (s: TrainingStore): RunSummary | null =>
    s.runs.find((r) => r.id === s.selectedRunId) ?? null,
  run:
    (runId: RunId | null) =>
    (s: TrainingStore): RunSummary | null =>
      s.runs.find((r) => r.id === runId) ?? null,
  trace:
    (runId: RunId | null) =>
    (s: TrainingStore): RunTrace | undefined =>
      runId === null ? undefined : s.traces[runId],
  latestBatch:
    (runId: RunId | null) =>
    (s: TrainingStore): BatchLogs | undefined =>
      runId === null ? undefined : s.latestBatch[runId],
  /** The run currently training (or paused), if any: the status bar shows it. */
  activeRun: (s: TrainingStore): RunSummary | null =>
    s.runs.find((r) => ACTIVE.has(r.status)) ?? null,
  isActive: (run: RunSummary | null): boolean => run !== null && ACTIVE.has(run.status),
  finishedRuns: (s: TrainingStore): readonly RunSummary[] => s.runs,
}
