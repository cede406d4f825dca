import { NUM_EMOTIONS } from '../../../../shared/domain/emotion'
import type { BalanceConfig, ClassWeighting } from '../../../../shared/domain/training'

/** What rebalancing does to one epoch of train faces, for the loop and the Balance screen. */
export type BalancePlan = {
  /** Faces per class in the train set. */
  before: number[]
  /** Samples per class in one epoch after oversampling (equal to `before` without it). */
  after: number[]
  /** Loss weight per class (all 1 for 'none'). */
  classWeights: number[]
}

/** Faces per class (labels 0..classes-1); throws on a label outside that range. */
export function classCounts(labels: ArrayLike<number>, classes: number = NUM_EMOTIONS): number[] {
  const counts = new Array<number>(classes).fill(0)
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] as number
    if (!Number.isInteger(label) || label < 0 || label >= classes) {
      throw new Error(`classCounts: label ${label} at index ${i} is not a class 0..${classes - 1}`)
    }
    counts[label] = (counts[label] as number) + 1
  }
  return counts
}

/**
 * Loss weight per class. 'balanced' is scikit-learn's `compute_class_weight('balanced')`:
 * n_samples / (n_classes * count_c), where n_classes counts the classes that have faces; a class
 * with no faces gets 0 (it never appears in a batch, and scikit-learn refuses it outright).
 * 'none' is all 1; custom weights pass through unchanged.
 */
export function classWeights(counts: readonly number[], weighting: ClassWeighting): number[] {
  if (weighting === 'none') return counts.map(() => 1)
  if (weighting !== 'balanced') {
    if (weighting.custom.length !== counts.length) {
      throw new Error(
        `classWeights: ${weighting.custom.length} custom weights for ${counts.length} classes`,
      )
    }
    return [...weighting.custom]
  }
  const total = counts.reduce((sum, c) => sum + c, 0)
  const present = counts.filter((c) => c > 0).length
  return counts.map((c) => (c > 0 ? total / (present * c) : 0))
}

/** The per-epoch count each class is raised to, or null when oversampling is off. */
export function oversampleTarget(counts: readonly number[], balance: BalanceConfig): number | null {
  if (balance.oversampleTo === null) return null
  return balance.oversampleTo === 'max' ? Math.max(0, ...counts) : balance.oversampleTo
}

/**
 * What an epoch looks like under `balance`. Oversampling raises each class with faces to at least
 * the target (the largest class for 'max', or N) by repeating its faces, augmented; classes
 * already above stay as they are, and classes with no faces stay at 0. Balanced class weights are
 * computed on the oversampled counts, since that is what the loss sees: weighting by the raw
 * counts on top of oversampling would correct the scarce classes twice.
 */
export function balancePlan(counts: readonly number[], balance: BalanceConfig): BalancePlan {
  const target = oversampleTarget(counts, balance)
  const after = counts.map((c) => (target !== null && c > 0 ? Math.max(c, target) : c))
  return { before: [...counts], after, classWeights: classWeights(after, balance.classWeights) }
}
