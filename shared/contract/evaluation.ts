import { z } from 'zod'

import { EmotionSchema, SplitSchema } from '../domain/face'
import { FaceId, RunId } from '../domain/ids'
import { EvaluationResult, TestTimeAugmentation } from '../domain/training'
import type { EventGroup, MethodGroup } from './define'

/** A trained run measured on a split, and the faces behind each cell of its confusion matrix. */
export const evaluationMethods = {
  /**
   * Evaluates a run's best weights on a split, stores per-face predictions for it, and returns
   * the metrics. `tta: 'flip'` averages each face with its mirror image, 'ten-crop' (runs trained
   * on random crops only, else INVALID_INPUT) its ten crops, 'none' predicts it once; omitted,
   * the run's recommended mode (`recommendedTta`: ten-crop for crop runs, flip otherwise).
   */
  'evaluation.run': {
    input: z.object({
      runId: RunId,
      split: SplitSchema,
      tta: TestTimeAugmentation.optional(),
    }),
    output: EvaluationResult,
  },
  /** The latest stored evaluation of a run on a split, or null. */
  'evaluation.get': {
    input: z.object({ runId: RunId, split: SplitSchema }),
    output: EvaluationResult.nullable(),
  },
  /**
   * Faces of a split with the given true and predicted labels in the run's stored predictions:
   * the faces behind one confusion-matrix cell.
   */
  'evaluation.cellFaces': {
    input: z.object({
      runId: RunId,
      split: SplitSchema,
      truth: EmotionSchema,
      predicted: EmotionSchema,
    }),
    output: z.array(FaceId),
  },
  /**
   * How many faces changed since the stored evaluation of a run on a split (relabelled, excluded
   * or deleted, or included in the split since): the matrix no longer shows the data as it is.
   * 0 when there is no stored evaluation.
   */
  'evaluation.changes': {
    input: z.object({ runId: RunId, split: SplitSchema }),
    output: z.object({ changedFaces: z.number().int().nonnegative() }),
  },
} as const satisfies MethodGroup

export const evaluationEvents = {} as const satisfies EventGroup
