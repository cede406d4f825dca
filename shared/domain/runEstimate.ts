import { z } from 'zod'

import { RunId } from './ids'
import { SpeedProbe } from './speedProbe'

/** What one earlier run measured on this machine: its training speed and its epoch overhead. */
export const ThroughputSample = z.object({
  runId: RunId,
  runName: z.string(),
  model: z.string(),
  backend: z.string().nullable(),
  /** Median training throughput of its epochs (train faces a second, validation not counted). */
  facesPerSecond: z.number().positive(),
  /** Epoch time over training time (>= 1): what validation and the rest add to an epoch. */
  overhead: z.number().min(1),
})
export type ThroughputSample = z.infer<typeof ThroughputSample>

/** How long a run should take, and what that rests on. */
export const RunEstimate = z
  .object({
    ms: z.number().nonnegative(),
    /**
     * 'measured': an earlier run of the same model; 'probe': a speed probe of this model on this
     * machine; 'flops': another model's speed scaled by FLOPs.
     */
    basis: z.enum(['measured', 'probe', 'flops']),
    /** The earlier run it rests on; null when it rests on a probe. */
    from: ThroughputSample.nullable(),
    /** The probe it rests on; null when it rests on a run. */
    probe: SpeedProbe.nullable(),
    /** Train faces a second assumed for this run. */
    facesPerSecond: z.number().positive(),
    epochs: z.number().int().positive(),
    facesPerEpoch: z.number().int().nonnegative(),
    /** The run's time budget is shorter than the estimate, which is then the budget. */
    capped: z.boolean(),
  })
  .refine(
    (e) => (e.basis === 'probe') === (e.probe !== null) && (e.from === null) === (e.probe !== null),
    {
      message: "a 'probe' estimate rests on a probe and no run; the others on a run and no probe",
    },
  )
export type RunEstimate = z.infer<typeof RunEstimate>

export type EstimateInput = Readonly<{
  model: string
  backend: string
  epochs: number
  facesPerEpoch: number
  timeBudgetMs: number | null
  /** FLOPs per face of each preset. */
  flops: Readonly<Record<string, number>>
  /** Earlier runs, newest first. */
  samples: readonly ThroughputSample[]
  /** This model's stored speed probe for the run's input size, if any. */
  probe?: SpeedProbe | null
  /** Validation faces each epoch goes through (a probe's inference speed times them). */
  validationFaces?: number
}>

/** True when an earlier run of this model (on this backend, unless 'auto') was measured here. */
export function hasOwnSample(
  samples: readonly ThroughputSample[],
  model: string,
  backend: string,
): boolean {
  return samples.some((s) => s.model === model && sameBackend(backend, s))
}

const sameBackend = (backend: string, s: ThroughputSample) =>
  backend === 'auto' || s.backend === null || s.backend === backend

/**
 * FLOPs scaling is trusted only between models this close in size: a tiny model's speed is bound
 * by per-batch overhead, not arithmetic (tiny-cnn at 1,735 faces/s scaled by FLOPs promises
 * fast-cnn 15 faces/s; it trains 250).
 */
export const MAX_FLOPS_RATIO = 10

/**
 * Estimates a run's time from what was measured on this machine: the newest run of the same
 * model (on the same backend when one is asked for), else this model's speed probe (validation
 * timed by the probe's inference speed), else the same model on another backend, else the newest
 * run of a model within MAX_FLOPS_RATIO in size, its speed scaled by the ratio of the two models'
 * FLOPs. Time = epochs x faces per epoch / speed x that run's epoch overhead (validation and the
 * rest), at most the time budget. Early stopping can end a run sooner.
 */
export function estimateRun(input: EstimateInput): RunEstimate | null {
  const own = input.samples.find((s) => s.model === input.model && sameBackend(input.backend, s))
  const probe = input.probe ?? null
  if (own === undefined && probe !== null) return fromProbe(input, probe)
  const same = own ?? input.samples.find((s) => s.model === input.model)
  const target = input.flops[input.model]
  const scalable = input.samples.find((s) => {
    const theirs = input.flops[s.model] ?? 0
    if (target === undefined || target <= 0 || theirs <= 0) return false
    return Math.max(target, theirs) / Math.min(target, theirs) <= MAX_FLOPS_RATIO
  })
  const from = same ?? scalable
  if (from === undefined) return null
  const facesPerSecond =
    same !== undefined
      ? same.facesPerSecond
      : (from.facesPerSecond * (input.flops[from.model] ?? 0)) / (target ?? 1)
  const full = ((input.epochs * input.facesPerEpoch) / facesPerSecond) * 1000 * from.overhead
  const capped = input.timeBudgetMs !== null && input.timeBudgetMs < full
  return {
    ms: capped ? (input.timeBudgetMs as number) : full,
    basis: same !== undefined ? 'measured' : 'flops',
    from,
    probe: null,
    facesPerSecond,
    epochs: input.epochs,
    facesPerEpoch: input.facesPerEpoch,
    capped,
  }
}

/** The estimate from a speed probe: training at its speed, validation at its inference speed. */
function fromProbe(input: EstimateInput, probe: SpeedProbe): RunEstimate {
  const trainMs = (input.facesPerEpoch / probe.facesPerSecond) * 1000
  const validationMs =
    probe.inferenceFacesPerSecond === null
      ? 0
      : ((input.validationFaces ?? 0) / probe.inferenceFacesPerSecond) * 1000
  const full = input.epochs * (trainMs + validationMs)
  const capped = input.timeBudgetMs !== null && input.timeBudgetMs < full
  return {
    ms: capped ? (input.timeBudgetMs as number) : full,
    basis: 'probe',
    from: null,
    probe,
    facesPerSecond: probe.facesPerSecond,
    epochs: input.epochs,
    facesPerEpoch: input.facesPerEpoch,
    capped,
  }
}

/**
 * Train faces one epoch goes through: the included train faces (less the held-out share when the
 * dataset has no validation faces), at most `maxTrainFaces`, then oversampled per class.
 */
export function facesPerEpoch(
  trainCounts: readonly number[],
  hasValidation: boolean,
  config: Readonly<{
    holdoutFraction: number
    maxTrainFaces: number | null
    balance: Readonly<{ oversampleTo: 'max' | number | null }>
  }>,
): number {
  const keep = hasValidation ? 1 : 1 - config.holdoutFraction
  const total = trainCounts.reduce((a, b) => a + b, 0)
  const scale = Math.min(1, (config.maxTrainFaces ?? Infinity) / Math.max(1, total * keep)) * keep
  const counts = trainCounts.map((n) => Math.round(n * scale))
  const target = config.balance.oversampleTo
  if (target === null) return counts.reduce((a, b) => a + b, 0)
  const level = target === 'max' ? Math.max(...counts) : target
  return counts.reduce((sum, n) => sum + (n > 0 ? Math.max(n, level) : 0), 0)
}
