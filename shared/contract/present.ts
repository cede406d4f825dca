import { z } from 'zod'

import { EmotionSchema } from '../domain/face'
import { FaceId, RunId } from '../domain/ids'
import { RunSummary } from '../domain/training'
import type { EventGroup, MethodGroup } from './define'
import { EpochRecord } from './training'

/** One epoch of the sample faces: `probabilities[k]` belongs to `faces[k]`. */
export const SampleEpoch = z.object({
  epoch: z.number().int(),
  probabilities: z.array(z.array(z.number()).length(7)),
})
export type SampleEpoch = z.infer<typeof SampleEpoch>

export const PresentRun = z.object({
  summary: RunSummary,
  datasetName: z.string(),
  epochs: z.array(EpochRecord),
  /**
   * A small fixed sample of validation faces with their label, and what the model said about
   * them after each epoch; null for runs trained before samples were stored.
   */
  samples: z
    .object({
      faces: z.array(z.object({ faceId: FaceId, label: EmotionSchema })),
      epochs: z.array(SampleEpoch),
    })
    .nullable(),
})
export type PresentRun = z.infer<typeof PresentRun>

export const presentMethods = {
  /**
   * Everything Present mode replays of a run, from the store alone (no training needed): the
   * per-epoch logs and confusion matrices and the sample faces' predictions per epoch.
   */
  'present.getRun': { input: z.object({ runId: RunId }), output: PresentRun },
} as const satisfies MethodGroup

export const presentEvents = {} as const satisfies EventGroup
