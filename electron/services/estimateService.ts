import { availableParallelism } from 'node:os'

import type { EstimateAnswer, Handlers } from '../../shared/contract'
import type { estimateMethods } from '../../shared/contract/estimate'
import { DEFAULT_FACE_SIZE } from '../../shared/domain/dataset'
import type { DatasetId } from '../../shared/domain/ids'
import { estimateRun, facesPerEpoch, hasOwnSample } from '../../shared/domain/runEstimate'
import type { SpeedProbeMeasure } from '../../shared/domain/speedProbe'
import type { TrainingConfig } from '../../shared/domain/training'
import type { StudioDb } from '../db/openDatabase'
import { countFaces } from '../db/queries/datasets'
import { throughputSamples } from '../db/queries/runThroughput'
import { findSpeedProbe, putSpeedProbe, type SpeedProbeKey } from '../db/queries/speedProbes'
import { listModelPresets } from '../training/common/models/registry'
import type { ProbeRequest } from '../training/main/speedProbeRunner'
import { requireDataset } from './datasetService'

/** How long a probe times training steps (model building and warm-up come on top). */
export const PROBE_BUDGET_MS = 3000

export type EstimateDeps = Readonly<{
  db: StudioDb
  /** True while a run trains: a probe would slow it and measure a busy machine. */
  isTraining: () => boolean
  /** Measures a preset's speed in a training worker. */
  probe: (request: ProbeRequest) => Promise<SpeedProbeMeasure>
  /** Most compute threads a worker's engine may use; null = one per core. */
  maxThreads: number | null
  now?: () => number
  probeBudgetMs?: number
}>

type Input = Readonly<{ datasetId: DatasetId; config: TrainingConfig }>

/**
 * The run-time estimate shown before a run starts (training.estimate), and the speed probe that
 * gives a machine's first run of a model one (training.probeSpeed). Probes are stored, so the
 * next estimate is instant; runs' measured speeds keep priority over them.
 */
export function createEstimateHandlers(
  deps: EstimateDeps,
): Pick<Handlers, keyof typeof estimateMethods> {
  const { db } = deps
  /** Why the probe of a key failed in this process, so it is not retried on every keystroke. */
  const failures = new Map<string, string>()
  const inFlight = new Map<string, Promise<EstimateAnswer>>()

  const keyOf = (config: TrainingConfig): SpeedProbeKey => ({
    model: config.model,
    requestedBackend: config.backend,
    threads: Math.max(1, Math.min(deps.maxThreads ?? Infinity, availableParallelism())),
    inputSize: config.crop ?? DEFAULT_FACE_SIZE,
  })

  /** The estimate from what is stored; `own` says whether it rests on this model's speed. */
  const fromStore = ({ datasetId, config }: Input) => {
    requireDataset(db, datasetId)
    const counts = countFaces(db, datasetId)
    const validation = counts.validation.reduce((a, b) => a + b, 0)
    const train = counts.train.reduce((a, b) => a + b, 0)
    const samples = throughputSamples(db)
    const probe = findSpeedProbe(db, keyOf(config))
    const estimate = estimateRun({
      model: config.model,
      backend: config.backend,
      epochs: config.epochs,
      facesPerEpoch: facesPerEpoch(counts.train, validation > 0, config),
      validationFaces: validation > 0 ? validation : Math.round(train * config.holdoutFraction),
      timeBudgetMs: config.timeBudgetMs,
      flops: Object.fromEntries(listModelPresets().map((p) => [p.name, p.flops])),
      samples,
      probe,
    })
    return { estimate, own: probe !== null || hasOwnSample(samples, config.model, config.backend) }
  }

  const answer = (input: Input, fallback: EstimateAnswer): EstimateAnswer => {
    const { estimate, own } = fromStore(input)
    if (own && estimate) return { kind: 'estimate', estimate }
    const failed = failures.get(JSON.stringify(keyOf(input.config)))
    const why: EstimateAnswer = failed
      ? { kind: 'unavailable', reason: failed }
      : deps.isTraining()
        ? { kind: 'afterCurrentRun' }
        : fallback
    // Another model's speed scaled by FLOPs is better than nothing, not better than a probe.
    return estimate && why.kind !== 'probeNeeded' ? { kind: 'estimate', estimate } : why
  }

  const probeAndStore = async (input: Input): Promise<EstimateAnswer> => {
    const key = keyOf(input.config)
    const { config } = input
    try {
      const measured = await deps.probe({
        config,
        budgetMs: deps.probeBudgetMs ?? PROBE_BUDGET_MS,
      })
      putSpeedProbe(db, key, {
        ...measured,
        model: config.model,
        inputSize: key.inputSize,
        batchSize: config.batchSize,
        measuredAt: (deps.now ?? Date.now)(),
      })
    } catch (err) {
      // Stopped for a run that started meanwhile: the answer is to wait for it, not a failure.
      if (deps.isTraining()) return answer(input, { kind: 'afterCurrentRun' })
      const reason = err instanceof Error ? err.message : String(err)
      failures.set(JSON.stringify(key), `the speed probe failed (${reason})`)
    }
    return answer(input, { kind: 'unavailable', reason: 'the speed probe measured nothing' })
  }

  return {
    async 'training.estimate'(input) {
      return answer(input, { kind: 'probeNeeded' })
    },
    async 'training.probeSpeed'(input) {
      const first = answer(input, { kind: 'probeNeeded' })
      if (first.kind !== 'probeNeeded') return first
      const id = JSON.stringify(keyOf(input.config))
      const running = inFlight.get(id)
      if (running) return running
      const next = probeAndStore(input).finally(() => inFlight.delete(id))
      inFlight.set(id, next)
      return next
    },
  }
}
