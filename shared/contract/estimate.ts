import { z } from 'zod'

import { DatasetId } from '../domain/ids'
import { RunEstimate } from '../domain/runEstimate'
import { TrainingConfig } from '../domain/training'
import type { EventGroup, MethodGroup } from './define'

/**
 * The Train screen's estimate of the next run: the estimate; or no sample of this model here yet,
 * so the screen asks `training.probeSpeed` (a few seconds in the training worker); or a run is
 * training, so nothing is measured until it ends; or the probe failed, with why.
 */
export const EstimateAnswer = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('estimate'), estimate: RunEstimate }),
  z.object({ kind: z.literal('probeNeeded') }),
  z.object({ kind: z.literal('afterCurrentRun') }),
  z.object({ kind: z.literal('unavailable'), reason: z.string() }),
])
export type EstimateAnswer = z.infer<typeof EstimateAnswer>

const EstimateInput = z.object({ datasetId: DatasetId, config: TrainingConfig })

export const estimateMethods = {
  /**
   * How long a run with this config on this dataset should take, from earlier runs on this
   * machine (the same model's measured speed), else this model's stored speed probe, else another
   * model's speed scaled by FLOPs, with what it rests on. Instant: it never measures; when
   * nothing fits it answers 'probeNeeded'. Early stopping can end a run sooner.
   */
  'training.estimate': { input: EstimateInput, output: EstimateAnswer },
  /**
   * Measures this model's speed with a short probe in the training worker (the run's backend,
   * batch size and input size; random faces), stores it, and answers the estimate. Never while a
   * run trains ('afterCurrentRun'); a failed probe is 'unavailable' with a short reason.
   */
  'training.probeSpeed': { input: EstimateInput, output: EstimateAnswer },
} as const satisfies MethodGroup

export const estimateEvents = {} as const satisfies EventGroup
