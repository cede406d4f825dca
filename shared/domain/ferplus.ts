import type { Emotion } from './emotion'

/** The ten FER+ vote columns, in the order of `fer2013new.csv`. */
export const FERPLUS_VOTE_NAMES = [
  'neutral',
  'happiness',
  'surprise',
  'sadness',
  'anger',
  'disgust',
  'fear',
  'contempt',
  'unknown',
  'NF',
] as const

export type FerPlusVoteName = (typeof FERPLUS_VOTE_NAMES)[number]

/** Ten vote counts, indexed like FERPLUS_VOTE_NAMES. */
export type FerPlusVotes = readonly number[]

/** Our emotion for each FER+ vote column; contempt, unknown and NF have none. */
const FERPLUS_TO_EMOTION: Readonly<Record<FerPlusVoteName, Emotion | null>> = {
  neutral: 'neutral',
  happiness: 'happy',
  surprise: 'surprise',
  sadness: 'sad',
  anger: 'angry',
  disgust: 'disgust',
  fear: 'fear',
  contempt: null,
  unknown: null,
  NF: null,
}

/**
 * The FER+ majority among our seven emotions, or null when there are no votes or the top vote is
 * for contempt / unknown / not-a-face, or when two emotions tie for the top.
 */
export function ferPlusMajority(votes: FerPlusVotes): Emotion | null {
  let best: Emotion | null = null
  let bestCount = 0
  let tied = false
  FERPLUS_VOTE_NAMES.forEach((name, i) => {
    const count = votes[i] ?? 0
    if (count > bestCount) {
      bestCount = count
      best = FERPLUS_TO_EMOTION[name]
      tied = false
    } else if (count === bestCount && count > 0) {
      tied = true
    }
  })
  return tied ? null : best
}
