import { NUM_EMOTIONS } from '../../../../shared/domain/emotion'
import { ferPlusDistribution, isNotAFaceMajority } from '../../../../shared/domain/ferplus'
import { VOTE_COLUMNS } from '../../common/snapshot'

/** How a run's train faces were turned into targets, for the run's notes. */
export type TargetNotes = Readonly<{
  /** Train faces whose target is their FER+ vote distribution. */
  ferPlus: number
  /** Train faces trained on their label although the run asked for FER+ targets (no usable votes). */
  fallback: number
  /** Train faces left out because their FER+ majority is not-a-face. */
  droppedNotAFace: number
}>

const votesOf = (votes: Uint8Array, index: number) =>
  Array.from(votes.subarray(index * VOTE_COLUMNS, (index + 1) * VOTE_COLUMNS))

/**
 * The train faces (snapshot indices, order kept) whose FER+ majority is not not-a-face, for
 * `--drop-not-a-face`. `votes` is the snapshot's `count * VOTE_COLUMNS` counts.
 */
export function withoutNotAFace(votes: Uint8Array, indices: Int32Array): Int32Array {
  return indices.filter((index) => !isNotAFaceMajority(votesOf(votes, index)))
}

/**
 * Each face's training target from its FER+ votes, `indices.length * NUM_EMOTIONS`: its vote
 * distribution over the seven emotions (ferPlusDistribution: contempt, unknown and not-a-face
 * votes dropped, the rest renormalised), or its one-hot label when no such vote is left; and how
 * many faces fell back to their label.
 */
export function ferPlusSoftTargets(
  votes: Uint8Array,
  labels: ArrayLike<number>,
  indices: Int32Array,
): { soft: Float32Array; fallback: number } {
  const soft = new Float32Array(indices.length * NUM_EMOTIONS)
  let fallback = 0
  indices.forEach((index, i) => {
    const distribution = ferPlusDistribution(votesOf(votes, index))
    if (distribution === null) {
      fallback++
      soft[i * NUM_EMOTIONS + labels[index]!] = 1
    } else {
      soft.set(distribution, i * NUM_EMOTIONS)
    }
  })
  return { soft, fallback }
}

/** One line for the run's log: what the targets were made of. */
export function describeTargetNotes(notes: TargetNotes): string {
  const parts = []
  if (notes.ferPlus + notes.fallback > 0) {
    parts.push(
      `FER+ vote targets for ${notes.ferPlus} train faces, ${notes.fallback} without usable votes on their label`,
    )
  }
  if (notes.droppedNotAFace > 0) {
    parts.push(`${notes.droppedNotAFace} train faces left out (FER+ majority not-a-face)`)
  }
  return parts.join('; ')
}
