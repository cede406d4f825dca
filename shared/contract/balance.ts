import { z } from 'zod'

import { NUM_EMOTIONS } from '../domain/emotion'
import { EmotionSchema } from '../domain/face'
import { DatasetId, FaceId } from '../domain/ids'
import { AugmentConfig, BalanceConfig } from '../domain/training'
import type { EventGroup, MethodGroup } from './define'

/** The Balance screen: how a rebalancing plan changes the train counts, and augmentation previews. */
export const balanceMethods = {
  /**
   * N augmented samples of one face, or of random faces of a class, with the given settings, as
   * 8-bit grayscale pixel arrays, for the Balance screen's preview grid.
   */
  'balance.augmentPreview': {
    input: z.object({
      datasetId: DatasetId,
      faceId: FaceId.optional(),
      label: EmotionSchema.optional(),
      augment: AugmentConfig,
      count: z.number().int().positive().max(64).default(16),
      seed: z.number().int().nonnegative().default(1),
    }),
    output: z.object({ size: z.number().int(), samples: z.array(z.array(z.number().int())) }),
  },
  /** Per-class train counts before and after a rebalancing plan, and the class weights it gives. */
  'balance.plan': {
    input: z.object({ datasetId: DatasetId, balance: BalanceConfig }),
    output: z.object({
      before: z.array(z.number().int()).length(NUM_EMOTIONS),
      after: z.array(z.number().int()).length(NUM_EMOTIONS),
      classWeights: z.array(z.number()).length(NUM_EMOTIONS),
    }),
  },
} as const satisfies MethodGroup

export const balanceEvents = {} as const satisfies EventGroup
