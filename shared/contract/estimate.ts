import { z } from 'zod'

import { DatasetId } from '../domain/ids'
import { RunEstimate } from '../domain/runEstimate'
import { TrainingConfig } from '../domain/training'
import type { EventGroup, MethodGroup } from './define'

export const estimateMethods = {
  /**
   * How long a run with this config on this dataset should take, from earlier runs on this
   * machine (the same model's measured speed, else another model's scaled by FLOPs), with what
   * it rests on; null when no run has finished an epoch here yet. Early stopping can end sooner.
   */
  'training.estimate': {
    input: z.object({ datasetId: DatasetId, config: TrainingConfig }),
    output: RunEstimate.nullable(),
  },
} as const satisfies MethodGroup

export const estimateEvents = {} as const satisfies EventGroup
