import { NUM_EMOTIONS } from '../../../../shared/domain/emotion'
import { ferPlusDistribution, isNotAFaceMajority } from '../../../../shared/domain/ferplus'
import type { TrainingConfig } from '../../../../shared/domain/training'
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

export type FerPlusTrainFaces = Readonly<{
  /** The train faces kept (snapshot indices, in the order given). */
  indices: Int32Array
  /** Their targets, `indices.length * NUM_EMOTIONS`, or null when the run trains on labels. */
  soft: Float32Array | null
  notes: TargetNotes
}>

/**
 * Applies the run's FER+ settings to its train faces: with `dropNotAFace`, faces whose FER+
 * majority is not-a-face are left out; with `targets: 'ferplus'`, each face's target is its vote
 * distribution over the seven emotions (ferPlusDistribution: contempt, unknown and not-a-face
 * votes dropped, the rest renormalised), or its one-hot label when no such vote is left.
 * `votes` is the snapshot's `count * VOTE_COLUMNS` counts; validation faces are not touched.
 */
export function ferPlusTrainFaces(
  votes: Uint8Array,
  labels: ArrayLike<number>,
  indices: Int32Array,
  config: Pick<TrainingConfig, 'targets' | 'dropNotAFace'>,
): FerPlusTrainFaces {
  const row = (index: number) =>
    Array.from(votes.subarray(index * VOTE_COLUMNS, (index + 1) * VOTE_COLUMNS))
  const kept = config.dropNotAFace
    ? indices.filter((index) => !isNotAFaceMajority(row(index)))
    : indices
  const droppedNotAFace = indices.length - kept.length
  if (config.targets !== 'ferplus') {
    return { indices: kept, soft: null, notes: { ferPlus: 0, fallback: 0, droppedNotAFace } }
  }
  const soft = new Float32Array(kept.length * NUM_EMOTIONS)
  let fallback = 0
  kept.forEach((index, i) => {
    const distribution = ferPlusDistribution(row(index))
    if (distribution === null) {
      fallback++
      soft[i * NUM_EMOTIONS + labels[index]!] = 1
    } else {
      soft.set(distribution, i * NUM_EMOTIONS)
    }
  })
  return {
    indices: kept,
    soft,
    notes: { ferPlus: kept.length - fallback, fallback, droppedNotAFace },
  }
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
