import { publicDataset } from './datasetCatalog'
import { EMOTIONS, NUM_EMOTIONS, type Emotion } from './emotion'

/** FER+'s classes (datasets/ferplus.json), in the order of its vote columns. */
const FERPLUS_CLASSES = [...publicDataset('ferplus').classes].sort(
  (a, b) => (a.index ?? 0) - (b.index ?? 0),
)

/** The ten FER+ vote columns, in the order of `fer2013new.csv`. */
export const FERPLUS_VOTE_NAMES: readonly string[] = FERPLUS_CLASSES.map((c) => c.name)

/** Ten vote counts, indexed like FERPLUS_VOTE_NAMES. */
export type FerPlusVotes = readonly number[]

/** Our emotion for each FER+ vote column; contempt, unknown and NF have none. */
const FERPLUS_TO_EMOTION: readonly (Emotion | null)[] = FERPLUS_CLASSES.map((c) => c.emotion)

/**
 * The FER+ majority among our seven emotions, or null when there are no votes or the top vote is
 * for contempt / unknown / not-a-face, or when two emotions tie for the top.
 */
export function ferPlusMajority(votes: FerPlusVotes): Emotion | null {
  let best: Emotion | null = null
  let bestCount = 0
  let tied = false
  FERPLUS_VOTE_NAMES.forEach((_name, i) => {
    const count = votes[i] ?? 0
    if (count > bestCount) {
      bestCount = count
      best = FERPLUS_TO_EMOTION[i] ?? null
      tied = false
    } else if (count === bestCount && count > 0) {
      tied = true
    }
  })
  return tied ? null : best
}

/** Column of the not-a-face votes. */
const NOT_A_FACE_COLUMN = FERPLUS_VOTE_NAMES.indexOf('NF')

/**
 * The FER+ votes as a distribution over our seven emotions (FER2013 order), for training on soft
 * targets: contempt, unknown and not-a-face votes are dropped and the other seven renormalised
 * (contempt has no FER2013 class; unknown and not-a-face say nothing about which emotion).
 * Null when no vote is left, so the caller falls back to the face's label.
 */
export function ferPlusDistribution(votes: FerPlusVotes): number[] | null {
  const out = new Array<number>(NUM_EMOTIONS).fill(0)
  let total = 0
  FERPLUS_TO_EMOTION.forEach((emotion, i) => {
    const count = votes[i] ?? 0
    if (emotion === null || !(count > 0)) return
    out[EMOTIONS.indexOf(emotion)]! += count
    total += count
  })
  return total > 0 ? out.map((c) => c / total) : null
}

/** True when not-a-face has strictly more votes than any other FER+ column. */
export function isNotAFaceMajority(votes: FerPlusVotes): boolean {
  const nf = votes[NOT_A_FACE_COLUMN] ?? 0
  return nf > 0 && votes.every((count, i) => i === NOT_A_FACE_COLUMN || count < nf)
}
