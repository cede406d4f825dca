import { z } from 'zod'

/**
 * Why a face is left out of training, evaluation, balance counts and exports. An excluded face
 * keeps its label and stays in the store; including it again is one undoable step.
 */
export const EXCLUSION_REASONS = ['not-a-face', 'duplicate', 'other'] as const
export const ExclusionReason = z.enum(EXCLUSION_REASONS)
export type ExclusionReason = z.infer<typeof ExclusionReason>

/** What the studio and the CLI call each reason. */
export const EXCLUSION_TITLES: Readonly<Record<ExclusionReason, string>> = {
  'not-a-face': 'not a face / unusable',
  duplicate: 'duplicate of another',
  other: 'excluded (other)',
}

/** Excluded faces of a dataset, in all and by reason. */
export const ExclusionCounts = z.object({
  total: z.number().int().nonnegative(),
  notAFace: z.number().int().nonnegative(),
  duplicate: z.number().int().nonnegative(),
  other: z.number().int().nonnegative(),
})
export type ExclusionCounts = z.infer<typeof ExclusionCounts>

export const NO_EXCLUSIONS: ExclusionCounts = { total: 0, notAFace: 0, duplicate: 0, other: 0 }
