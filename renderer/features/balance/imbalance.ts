import { EMOTIONS } from '../../../shared/domain'
import type { Emotion } from '../../../shared/domain'

export type ClassImbalance = Readonly<{
  emotion: Emotion
  count: number
  share: number
  /** How many times smaller than the largest class (1 = the largest). */
  timesSmaller: number
}>

/** Per-class share and ratio to the largest class; the scarcest class is what to worry about. */
export function imbalance(counts: readonly number[]): {
  rows: ClassImbalance[]
  scarcest: Emotion | null
} {
  const total = counts.reduce((a, b) => a + b, 0)
  const largest = Math.max(0, ...counts)
  const rows = EMOTIONS.map((emotion, i) => {
    const count = counts[i] ?? 0
    return {
      emotion,
      count,
      share: total === 0 ? 0 : count / total,
      timesSmaller: count === 0 ? Infinity : largest / count,
    }
  })
  const present = rows.filter((r) => r.count > 0)
  const scarcest =
    present.length === 0 ? null : present.reduce((a, b) => (b.count < a.count ? b : a)).emotion
  return { rows, scarcest }
}
