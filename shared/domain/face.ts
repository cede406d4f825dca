import { z } from 'zod'

import { EMOTIONS, NUM_EMOTIONS } from './emotion'
import { ExclusionReason } from './exclusion'
import { FaceFinding } from './finding'
import { DatasetId, FaceId, RunId } from './ids'
import { SPLITS } from './split'

export const EmotionSchema = z.enum(EMOTIONS)
export const SplitSchema = z.enum(SPLITS)

/** A model's prediction for one face, from a run's latest evaluation of that face's split. */
export const FacePrediction = z.object({
  runId: RunId,
  label: EmotionSchema,
  confidence: z.number(),
  /** Probability the model gives the face's current label: low means a label-noise suspect. */
  labelProbability: z.number(),
  probabilities: z.array(z.number()).length(NUM_EMOTIONS),
})
export type FacePrediction = z.infer<typeof FacePrediction>

export const FaceSummary = z.object({
  id: FaceId,
  datasetId: DatasetId,
  split: SplitSchema,
  label: EmotionSchema,
  originalLabel: EmotionSchema,
  /** File it came from, relative to the import root where there is one. */
  sourceFile: z.string(),
  /** 1-based data row in a CSV source, null for image files. */
  sourceRow: z.number().int().nullable(),
  hash: z.string(),
  /** Id of its exact-duplicate group (the smallest face id in it), or null when unique. */
  duplicateGroup: z.number().int().nullable(),
  isBlank: z.boolean(),
  /** Why the face is left out of training, evaluation, counts and exports; null when included. */
  excluded: ExclusionReason.nullable(),
  ferPlusVotes: z.array(z.number().int()).length(10).nullable(),
  prediction: FacePrediction.nullable(),
})
export type FaceSummary = z.infer<typeof FaceSummary>

export const FaceSort = z.enum(['id', 'confidence-asc', 'confidence-desc', 'suspicion'])
export type FaceSort = z.infer<typeof FaceSort>

/**
 * What a query's order actually rests on: a model's predictions, FER+ disagreement (the
 * "likely mislabelled" sort without a model, where votes are attached), or face id.
 */
export const SortBasis = z.enum(['model', 'ferplus', 'id'])
export type SortBasis = z.infer<typeof SortBasis>

/** What the Faces grid can filter on. Every field is optional; all given ones must hold. */
export const FaceFilter = z.object({
  labels: z.array(EmotionSchema).optional(),
  splits: z.array(SplitSchema).optional(),
  /** Run whose predictions the prediction filters and sorts use; default the best finished. */
  runId: RunId.optional(),
  predicted: z.array(EmotionSchema).optional(),
  minConfidence: z.number().min(0).max(1).optional(),
  maxConfidence: z.number().min(0).max(1).optional(),
  /** Only faces whose predicted label differs from the current label. */
  disagreesOnly: z.boolean().optional(),
  /** Only faces in an exact-duplicate group. */
  duplicatesOnly: z.boolean().optional(),
  /** Only faces whose FER+ majority is one of these. */
  ferPlusMajority: z.array(EmotionSchema).optional(),
  /** Only faces whose FER+ majority is an emotion other than their current label. */
  ferPlusDisagrees: z.boolean().optional(),
  /** Only the (included) faces of one import finding, a group's copies side by side. */
  finding: FaceFinding.optional(),
  /** Only faces whose current label differs from their original one. */
  relabeledOnly: z.boolean().optional(),
  /** 'excluded': only excluded faces; 'included': only faces not excluded; default both. */
  exclusion: z.enum(['included', 'excluded']).optional(),
})
export type FaceFilter = z.infer<typeof FaceFilter>

/** Where a label change came from: 'suggestion' = an accepted suspects suggestion. */
export const LabelSource = z.enum(['manual', 'suggestion'])
export type LabelSource = z.infer<typeof LabelSource>

export const LabelChange = z.object({
  id: z.number().int(),
  faceId: FaceId,
  from: EmotionSchema,
  to: EmotionSchema,
  actor: z.string(),
  at: z.number(),
  /** Changes made by one action (a bulk relabel, an undo) share a batch. */
  batchId: z.number().int(),
  kind: z.enum(['set', 'undo', 'redo']),
  /** What the change came from: a person's choice, or an accepted label-noise suggestion. */
  source: LabelSource.default('manual'),
  /**
   * Present when the change excluded or included the face (its label stays: from = to), with the
   * reason before and after (null: included).
   */
  exclusion: z
    .object({ from: ExclusionReason.nullable(), to: ExclusionReason.nullable() })
    .optional(),
})
export type LabelChange = z.infer<typeof LabelChange>

/**
 * Faces in one image strip at most (`faces.png?ids=...`, one grid row): the media service refuses
 * longer strips, and the grid never lays out more columns than this.
 */
export const MAX_STRIP_FACES = 64
