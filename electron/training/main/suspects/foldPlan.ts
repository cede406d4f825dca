import { createRng, mixSeed } from '../../worker/data/rng'

/** Stream id so fold planning draws differ from training's at the same seed. */
const FOLD_STREAM = 0xf01d

export type FoldPlanInput = Readonly<{
  /** Given label of each face (0..classes-1). */
  labels: ArrayLike<number>
  /**
   * Group of each face: faces with the same group (pixel-identical copies) always share a fold,
   * so a copy never vouches for itself.
   */
  groups: ArrayLike<number>
  folds: number
  seed: number
}>

/**
 * Stratified k-fold with groups kept whole (like scikit-learn's StratifiedGroupKFold): groups are
 * placed largest first (equal sizes in seeded random order), each into the fold where its
 * classes are least filled relative to their share, then the fold with fewest faces, then the
 * lowest fold. Singletons therefore deal out round-robin per class. Returns the fold (0..k-1) of
 * each face.
 */
export function planFolds(input: FoldPlanInput): Uint8Array {
  const { labels, groups, folds } = input
  const n = labels.length
  if (groups.length !== n) throw new Error(`planFolds: ${groups.length} groups for ${n} faces`)
  if (!(Number.isInteger(folds) && folds >= 2 && folds <= 20)) {
    throw new Error(`planFolds: folds must be an integer from 2 to 20, got ${folds}`)
  }
  const byGroup = new Map<number, number[]>()
  let classes = 0
  for (let i = 0; i < n; i++) {
    const g = groups[i] as number
    const members = byGroup.get(g)
    if (members) members.push(i)
    else byGroup.set(g, [i])
    classes = Math.max(classes, (labels[i] as number) + 1)
  }
  const classTotal = new Array<number>(classes).fill(0)
  for (let i = 0; i < n; i++) classTotal[labels[i] as number]! += 1

  const rng = createRng(mixSeed(input.seed, FOLD_STREAM))
  const ordered = rng
    .shuffle([...byGroup.keys()].sort((a, b) => a - b))
    .map((key) => byGroup.get(key) as number[])
    .sort((a, b) => b.length - a.length)

  const filled = Array.from({ length: folds }, () => new Array<number>(classes).fill(0))
  const sizes = new Array<number>(folds).fill(0)
  const fold = new Uint8Array(n)
  for (const members of ordered) {
    let best = 0
    let bestCost = Infinity
    for (let f = 0; f < folds; f++) {
      let cost = 0
      for (const i of members) {
        const c = labels[i] as number
        cost += (filled[f]![c] as number) / (classTotal[c] as number)
      }
      const better =
        cost < bestCost - 1e-12 ||
        (Math.abs(cost - bestCost) <= 1e-12 && (sizes[f] as number) < (sizes[best] as number))
      if (better) {
        best = f
        bestCost = cost
      }
    }
    for (const i of members) {
      fold[i] = best
      filled[best]![labels[i] as number]! += 1
    }
    sizes[best]! += members.length
  }
  return fold
}
