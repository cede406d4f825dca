import { z } from 'zod'

import { RunId } from '../domain/ids'
import { RunSummary } from '../domain/training'
import type { EventGroup, MethodGroup } from './define'

export const retrainMethods = {
  /**
   * Trains again with the recipe of `runId` (same dataset, model and settings) on the labels as
   * they are now, so Evaluate can show what relabelling changed against that run. CONFLICT while
   * another run trains.
   */
  'training.retrain': {
    input: z.object({ runId: RunId }),
    output: z.object({ run: RunSummary, basedOn: RunId }),
  },
} as const satisfies MethodGroup

export const retrainEvents = {} as const satisfies EventGroup
