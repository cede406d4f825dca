import { z } from 'zod'

import { NUM_EMOTIONS } from './emotion'
import { EmotionSchema } from './face'
import { DatasetId, FaceId, RunId } from './ids'
import { TrainingConfig } from './training'

export const SuspectJobId = z.number().int().positive().brand<'SuspectJobId'>()
export type SuspectJobId = z.infer<typeof SuspectJobId>

/** A suspects job goes through the states of a run; it is as far as its current fold run. */
export const SuspectJobStatus = z.enum([
  'queued',
  'running',
  'paused',
  'completed',
  'cancelled',
  'failed',
  'interrupted',
])
export type SuspectJobStatus = z.infer<typeof SuspectJobStatus>

/** How suspects are ordered (lowest score first): p(given label), or the normalized margin. */
export const SuspectRanking = z.enum(['selfConfidence', 'normalizedMargin'])
export type SuspectRanking = z.infer<typeof SuspectRanking>

const Matrix = z.array(z.array(z.number()).length(NUM_EMOTIONS)).length(NUM_EMOTIONS)

/** Confident learning's estimates; matrices indexed [given label][probable true label]. */
export const NoiseEstimate = z.object({
  /** Per-class thresholds: mean self-confidence of each class (null for an absent class). */
  thresholds: z.array(z.number().nullable()).length(NUM_EMOTIONS),
  confidentJoint: Matrix,
  /** The confident joint calibrated to the label counts (counts of faces). */
  calibratedJoint: Matrix,
  /** P(given = row | true = column); each column sums to 1. */
  noiseMatrix: Matrix,
  /** Out-of-fold confusion matrix: given label (rows) against the most probable one (columns). */
  confusion: Matrix,
})
export type NoiseEstimate = z.infer<typeof NoiseEstimate>

/**
 * The suspects measured against FER+ (faces with a FER+ majority among the seven emotions): a
 * suspect is a real error when that majority differs from its given label.
 */
export const FerPlusCheck = z.object({
  /** Faces of the job with a usable FER+ majority. */
  facesWithMajority: z.number().int(),
  /** Share of those whose given label differs from the majority: what random picks would hit. */
  baseline: z.number(),
  /** Precision among the top N suspects with a majority, for N = 100, 500, 1000 (fewer when short). */
  precisionAt: z.array(
    z.object({ n: z.number().int(), considered: z.number().int(), precision: z.number() }),
  ),
  /** Share of suspects (with a majority) whose suggested label is the FER+ majority. */
  suggestionMatchesMajority: z.number().nullable(),
  suspectsWithMajority: z.number().int(),
})
export type FerPlusCheck = z.infer<typeof FerPlusCheck>

export const SuspectJobSummary = z.object({
  id: SuspectJobId,
  datasetId: DatasetId,
  status: SuspectJobStatus,
  folds: z.number().int(),
  /** The recipe of every fold model. */
  config: TrainingConfig,
  ranking: SuspectRanking,
  /** Faces the job covers (train and validation). */
  faces: z.number().int(),
  /** Fold runs, in fold order; null for folds not started. */
  foldRuns: z.array(RunId.nullable()),
  foldsDone: z.number().int(),
  /** The fold being trained (0-based), or null. */
  currentFold: z.number().int().nullable(),
  suspects: z.number().int().nullable(),
  createdAt: z.number(),
  finishedAt: z.number().nullable(),
  /** Compute time of all folds, ms. */
  elapsedMs: z.number(),
  error: z.string().nullable(),
})
export type SuspectJobSummary = z.infer<typeof SuspectJobSummary>

export const SuspectJobDetail = z.object({
  summary: SuspectJobSummary,
  noise: NoiseEstimate.nullable(),
  ferPlus: FerPlusCheck.nullable(),
})
export type SuspectJobDetail = z.infer<typeof SuspectJobDetail>

export const SuspectReview = z.enum(['kept', 'accepted'])
export type SuspectReview = z.infer<typeof SuspectReview>

/** One suspect face: its label as given to the job, the suggestion and the score behind it. */
export const Suspect = z.object({
  faceId: FaceId,
  rank: z.number().int(),
  given: EmotionSchema,
  /** The face's label now (differs from `given` once a suggestion is accepted). */
  label: EmotionSchema,
  suggested: EmotionSchema,
  suggestedProbability: z.number(),
  /** The ranking's label quality, lower = more likely wrong. */
  score: z.number(),
  ferPlusMajority: EmotionSchema.nullable(),
  ferPlusVotes: z.array(z.number().int()).nullable(),
  review: SuspectReview.nullable(),
})
export type Suspect = z.infer<typeof Suspect>

export const SuspectCounts = z.object({
  suspects: z.number().int(),
  kept: z.number().int(),
  accepted: z.number().int(),
  remaining: z.number().int(),
})
export type SuspectCounts = z.infer<typeof SuspectCounts>
