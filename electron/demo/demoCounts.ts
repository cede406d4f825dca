import type { Emotion } from '../../shared/domain/emotion'
import { EMOTIONS } from '../../shared/domain/emotion'
import type { Split } from '../../shared/domain/split'

/**
 * Share of each class, imbalanced like FER2013 (happy largest, disgust about 2%) but with fear
 * scarce too, so the rebalancing tools have two minority classes to show their effect on.
 */
export const DEMO_CLASS_SHARES: Readonly<Record<Emotion, number>> = {
  angry: 0.13,
  disgust: 0.022,
  fear: 0.075,
  happy: 0.265,
  sad: 0.165,
  surprise: 0.12,
  neutral: 0.223,
}

/** Fewest faces per class: one in each split. */
const MIN_PER_CLASS = 3

/** Faces per class (FER2013 order) for `total` faces, by largest remainder, each at least 3. */
export function demoClassCounts(total: number): number[] {
  if (!Number.isInteger(total) || total < MIN_PER_CLASS * EMOTIONS.length) {
    throw new Error(
      `demo dataset: count must be an integer of at least ${MIN_PER_CLASS * EMOTIONS.length}, got ${total}`,
    )
  }
  const exact = EMOTIONS.map((e) => DEMO_CLASS_SHARES[e] * total)
  const counts = exact.map((x) => Math.max(MIN_PER_CLASS, Math.floor(x)))
  // Hand out (or take back) the rounding difference, largest fractional part first.
  const byRemainder = EMOTIONS.map((_, i) => i).sort(
    (a, b) => ((exact[b] as number) % 1) - ((exact[a] as number) % 1),
  )
  let diff = total - counts.reduce((s, c) => s + c, 0)
  for (let k = 0; diff !== 0; k++) {
    const i =
      diff > 0 ? (byRemainder[k % EMOTIONS.length] as number) : counts.indexOf(Math.max(...counts))
    counts[i] = (counts[i] as number) + Math.sign(diff)
    diff -= Math.sign(diff)
  }
  return counts
}

/** Splits for n faces of a class, about 80/10/10, with at least one face in each. */
export function demoSplits(n: number): Split[] {
  const validation = Math.max(1, Math.round(n * 0.1))
  const test = Math.max(1, Math.round(n * 0.1))
  const train = n - validation - test
  return [
    ...Array.from({ length: train }, (): Split => 'train'),
    ...Array.from({ length: validation }, (): Split => 'validation'),
    ...Array.from({ length: test }, (): Split => 'test'),
  ]
}
