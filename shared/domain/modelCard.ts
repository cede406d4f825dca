import { z } from 'zod'

import { DuplicateSummary } from './dataset'
import { EmotionSchema, SplitSchema } from './face'
import { TestTimeAugmentation, TrainingConfig } from './training'

/** One split's numbers in a model card, from the run's stored evaluation of that split. */
export const ModelCardSplit = z.object({
  split: SplitSchema,
  /** Faces of the split (not excluded) when the card was written. */
  faces: z.number().int().nonnegative(),
  /** False when the run was never evaluated on this split: the numbers below are then null. */
  evaluated: z.boolean(),
  tta: TestTimeAugmentation.nullable(),
  /** The epoch whose weights were evaluated. */
  epoch: z.number().int().nullable(),
  accuracy: z.number().nullable(),
  macroF1: z.number().nullable(),
  /** Recall of each class, in FER2013 order, or null when not evaluated. */
  recall: z
    .array(z.object({ label: EmotionSchema, recall: z.number(), support: z.number().int() }))
    .nullable(),
})
export type ModelCardSplit = z.infer<typeof ModelCardSplit>

/**
 * What `model_card.json` beside every exported model holds (MODEL_CARD.md says the same in
 * words): the data, the recipe, the training, the measured quality and the dataset's known flaws.
 */
export const ModelCard = z.object({
  schema: z.literal('fer-studio/model-card@1'),
  generatedBy: z.string(),
  appVersion: z.string(),
  /** Export time, epoch ms, and the same as an ISO date. */
  exportedAt: z.number(),
  exportedAtIso: z.string(),
  format: z.enum(['tfjs', 'onnx']),
  run: z.object({ id: z.number().int(), name: z.string(), status: z.string() }),
  dataset: z.object({
    id: z.number().int(),
    name: z.string(),
    source: z.string(),
    faceSize: z.number().int(),
    /** Faces per split (not excluded) and faces left out. */
    faces: z.object({
      train: z.number().int(),
      validation: z.number().int(),
      test: z.number().int(),
      excluded: z.number().int(),
    }),
    /** The dataset's known exact-duplicate and train/test leakage counts (`stats`). */
    duplicates: DuplicateSummary,
  }),
  /**
   * Which faces trained and validated the model: train split faces (at most
   * `recipe.maxTrainFaces`), validated on the validation split, or on a stratified holdout of
   * train when the dataset has no validation faces.
   */
  splitsUsed: z.object({
    train: z.literal('train'),
    validation: z.enum(['validation', 'holdout']),
    holdoutFraction: z.number().nullable(),
  }),
  /** The full recipe, as the run stored it. */
  recipe: TrainingConfig,
  /** How a face becomes the model's input. */
  input: z.object({
    faceSize: z.number().int(),
    inputSize: z.number().int(),
    description: z.string(),
  }),
  training: z.object({
    backend: z.string().nullable(),
    threads: z.number().int().nullable(),
    epochsRun: z.number().int(),
    bestEpoch: z.number().int().nullable(),
    /** Training time, paused time excluded, ms (null when no epoch finished). */
    wallTimeMs: z.number().nullable(),
  }),
  /** One entry per split, train, validation, test: evaluated or not. */
  splits: z.array(ModelCardSplit).length(3),
})
export type ModelCard = z.infer<typeof ModelCard>
