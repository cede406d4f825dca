import type { FerPlusCheck } from '../../../../shared/domain/suspects'

/** The cut-offs the check reports precision at. */
export const PRECISION_CUTOFFS = [100, 500, 1000] as const

export type CheckedFace = Readonly<{
  given: number
  /** FER+ majority among the seven emotions, or null (no votes, contempt/unknown/not a face, tie). */
  majority: number | null
}>

export type CheckedSuspect = CheckedFace & Readonly<{ suggested: number }>

/**
 * Measures ranked suspects against FER+: a suspect is a real error when the FER+ majority differs
 * from its given label. Only faces with a majority count, for the suspects and for the baseline
 * (the share of all the job's faces with a majority whose label differs from it: the precision a
 * random pick would have). Null when no face of the job has a majority.
 */
export function ferPlusCheck(
  faces: readonly CheckedFace[],
  rankedSuspects: readonly CheckedSuspect[],
): FerPlusCheck | null {
  const voted = faces.filter((f) => f.majority !== null)
  if (voted.length === 0) return null
  const baseline = voted.filter((f) => f.majority !== f.given).length / voted.length
  const suspects = rankedSuspects.filter((s) => s.majority !== null)
  const precisionAt = PRECISION_CUTOFFS.map((n) => {
    const top = suspects.slice(0, n)
    const errors = top.filter((s) => s.majority !== s.given).length
    return { n, considered: top.length, precision: top.length > 0 ? errors / top.length : 0 }
  })
  const matches = suspects.filter((s) => s.suggested === s.majority).length
  return {
    facesWithMajority: voted.length,
    baseline,
    precisionAt,
    suggestionMatchesMajority: suspects.length > 0 ? matches / suspects.length : null,
    suspectsWithMajority: suspects.length,
  }
}
