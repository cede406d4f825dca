import { z } from 'zod'

import { ExclusionReason } from './exclusion'
import { FaceId } from './ids'

/**
 * A finding of the import checks, as a set of faces the grid can open: faces in a duplicate group,
 * in a group spanning splits (leakage), in a group whose copies carry different labels, or blank.
 * Only faces not excluded count, so a resolved finding disappears.
 */
export const FINDINGS = ['duplicates', 'leakage', 'conflicts', 'blank'] as const
export const FaceFinding = z.enum(FINDINGS)
export type FaceFinding = z.infer<typeof FaceFinding>

/** What the studio calls each finding (a filter chip, a badge). */
export const FINDING_TITLES: Readonly<Record<FaceFinding, string>> = {
  duplicates: 'Duplicate groups',
  leakage: 'Leak across splits',
  conflicts: 'Conflicting labels',
  blank: 'Blank faces',
}

/** How one action resolves each finding, and the exclusion reason it records. */
export const FINDING_RESOLUTIONS: Readonly<
  Record<FaceFinding, Readonly<{ reason: ExclusionReason; action: string; button: string }>>
> = {
  duplicates: {
    reason: 'duplicate',
    action: 'keep one copy of each group (test first, then validation), exclude the others',
    button: 'Keep one copy of each, exclude the rest',
  },
  leakage: {
    reason: 'duplicate',
    action: 'keep the test (else validation) copies of each group, exclude the copies in train',
    button: 'Keep the test copies, exclude the train ones',
  },
  conflicts: {
    reason: 'duplicate',
    action: 'keep one copy of each group (test first, then validation), exclude the others',
    button: 'Keep one copy of each, exclude the rest',
  },
  blank: {
    reason: 'not-a-face',
    action: 'exclude every blank face as not a face',
    button: 'Exclude all as not a face',
  },
}

/** The faces one resolving action excludes, with the reason, and how many groups it settles. */
export const FindingPlan = z.object({
  finding: FaceFinding,
  faceIds: z.array(FaceId),
  reason: ExclusionReason,
  groups: z.number().int().nonnegative(),
})
export type FindingPlan = z.infer<typeof FindingPlan>

/** How many groups (faces, for blank) a dataset's summary counts for a finding. */
export function findingCount(
  d: Readonly<{
    groups: number
    crossSplitGroups: number
    conflictingGroups: number
    blankFaces: number
  }>,
  finding: FaceFinding,
): number {
  if (finding === 'duplicates') return d.groups
  if (finding === 'leakage') return d.crossSplitGroups
  if (finding === 'conflicts') return d.conflictingGroups
  return d.blankFaces
}
