import { publicDataset } from './datasetCatalog'
import type { Emotion } from './emotion'

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
