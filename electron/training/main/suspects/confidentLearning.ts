/**
 * Confident learning (Northcutt, Jiang & Chuang, "Confident Learning: Estimating Uncertainty in
 * Dataset Labels", JAIR 2021), as cleanlab computes it, over out-of-fold probabilities. Pure
 * functions over plain arrays: `probabilities` holds `count * classes` numbers, face after face;
 * `labels` the given label of each face (0..classes-1).
 *
 * Matrices are `number[][]` indexed `[given][true]`: rows are the label a face was given, columns
 * the label it probably should have.
 */

export type OutOfFold = Readonly<{
  classes: number
  labels: ArrayLike<number>
  probabilities: ArrayLike<number>
}>

/** How label issues are ordered: lowest score first, the score being in [0, 1]. */
export type IssueRanking = 'selfConfidence' | 'normalizedMargin'

export type LabelIssue = Readonly<{
  /** Index of the face in the input arrays. */
  index: number
  given: number
  /** The most probable label other than the given one, and its probability. */
  suggested: number
  suggestedProbability: number
  /** p(given label); low means the model doubts the label. */
  selfConfidence: number
  /** The ranking's label quality: lower is more likely wrong. */
  score: number
}>

/** Small slack below each threshold, as cleanlab allows for floating-point ties. */
const THRESHOLD_SLACK = 1e-6

const countOf = (data: OutOfFold) => data.labels.length
const p = (data: OutOfFold, i: number, k: number) => data.probabilities[i * data.classes + k] ?? 0
const zeros = (n: number) => Array.from({ length: n }, () => new Array<number>(n).fill(0))

function checkShape(data: OutOfFold): void {
  if (data.probabilities.length !== countOf(data) * data.classes) {
    throw new Error(
      `confident learning: ${data.probabilities.length} probabilities for ` +
        `${countOf(data)} faces of ${data.classes} classes`,
    )
  }
  for (let i = 0; i < countOf(data); i++) {
    const label = data.labels[i] as number
    if (!(Number.isInteger(label) && label >= 0 && label < data.classes)) {
      throw new Error(`confident learning: face ${i} has label ${label}`)
    }
  }
}

/** How many faces carry each given label. */
export function labelCounts(data: OutOfFold): number[] {
  const counts = new Array<number>(data.classes).fill(0)
  for (let i = 0; i < countOf(data); i++) counts[data.labels[i] as number]! += 1
  return counts
}

/**
 * Per-class thresholds t_j: the mean probability of class j over the faces labelled j (the
 * class's mean self-confidence). A class nobody carries gets +Infinity, so no face is counted
 * as truly belonging to it.
 */
export function perClassThresholds(data: OutOfFold): number[] {
  checkShape(data)
  const sums = new Array<number>(data.classes).fill(0)
  const counts = labelCounts(data)
  for (let i = 0; i < countOf(data); i++) {
    const label = data.labels[i] as number
    sums[label]! += p(data, i, label)
  }
  return sums.map((sum, k) => ((counts[k] as number) > 0 ? sum / (counts[k] as number) : Infinity))
}

/**
 * The confident joint C[given][true]: each face counts once, in the column of the class it is
 * confidently in (probability at or above that class's threshold). With several such classes the
 * overall most probable one is taken, with none the face is not counted (cleanlab's rule).
 */
export function confidentJoint(data: OutOfFold, thresholds = perClassThresholds(data)): number[][] {
  const joint = zeros(data.classes)
  for (let i = 0; i < countOf(data); i++) {
    let confident = 0
    let firstConfident = -1
    let argmax = 0
    for (let k = 0; k < data.classes; k++) {
      if (p(data, i, k) > p(data, i, argmax)) argmax = k
      if (p(data, i, k) >= (thresholds[k] as number) - THRESHOLD_SLACK) {
        confident++
        if (firstConfident < 0) firstConfident = k
      }
    }
    if (confident === 0) continue
    const truth = confident > 1 ? argmax : firstConfident
    joint[data.labels[i] as number]![truth]! += 1
  }
  return joint
}

/**
 * Largest-remainder rounding of each row so the row keeps its (rounded) total, like cleanlab's
 * `round_preserving_row_totals`.
 */
export function roundPreservingRowTotals(matrix: readonly (readonly number[])[]): number[][] {
  return matrix.map((row) => {
    const total = Math.round(row.reduce((a, b) => a + b, 0))
    const floors = row.map(Math.floor)
    let missing = total - floors.reduce((a, b) => a + b, 0)
    const byRemainder = row
      .map((v, k) => ({ k, rest: v - Math.floor(v) }))
      .sort((a, b) => b.rest - a.rest || a.k - b.k)
    for (const { k } of byRemainder) {
      if (missing <= 0) break
      floors[k]! += 1
      missing--
    }
    return floors
  })
}

/**
 * cleanlab's calibration: each row scaled so it sums to the number of faces given that label,
 * then the whole matrix so it sums to the number of faces, then rounded keeping row totals.
 * A row with no confident face stays zero.
 */
export function calibrateJoint(joint: readonly (readonly number[])[], counts: readonly number[]) {
  const scaled = joint.map((row, g) => {
    const sum = row.reduce((a, b) => a + b, 0)
    return row.map((v) => (sum > 0 ? (v / sum) * (counts[g] as number) : 0))
  })
  const total = scaled.flat().reduce((a, b) => a + b, 0)
  const n = counts.reduce((a, b) => a + b, 0)
  return roundPreservingRowTotals(
    scaled.map((row) => row.map((v) => (total > 0 ? (v / total) * n : 0))),
  )
}

/**
 * The estimated noise matrix P(given = i | true = j) from a calibrated joint: each column divided
 * by its sum, so column j says how faces truly of class j were labelled. An empty column is the
 * identity's column (no evidence of noise).
 */
export function noiseMatrix(calibrated: readonly (readonly number[])[]): number[][] {
  const n = calibrated.length
  const out = zeros(n)
  for (let j = 0; j < n; j++) {
    let column = 0
    for (let i = 0; i < n; i++) column += calibrated[i]![j]!
    for (let i = 0; i < n; i++)
      out[i]![j] = column > 0 ? calibrated[i]![j]! / column : i === j ? 1 : 0
  }
  return out
}

/**
 * How many faces to flag in each off-diagonal cell: the calibrated joint with, per given label,
 * at least `keep` faces left on the diagonal (cleanlab's `_keep_at_least_n_per_class`, taking
 * what is added to the diagonal evenly from that label's non-zero noise cells). Indexed
 * [given][true]; the diagonal is what stays.
 */
export function pruneCounts(calibrated: readonly (readonly number[])[], keep = 1): number[][] {
  const out = calibrated.map((row, g) => {
    const diagonal = row[g] as number
    const raised = Math.max(diagonal, keep)
    const noisyCells = Math.max(row.filter((v, t) => t !== g && v !== 0).length, 1)
    const cut = (raised - diagonal) / noisyCells
    return row.map((v, t) => (t === g ? raised : Math.max(v - cut, 0)))
  })
  return roundPreservingRowTotals(out)
}

/** Given label (rows) against the most probable label (columns), counts of faces. */
export function argmaxConfusion(data: OutOfFold): number[][] {
  const matrix = zeros(data.classes)
  for (let i = 0; i < countOf(data); i++) {
    let argmax = 0
    for (let k = 1; k < data.classes; k++) if (p(data, i, k) > p(data, i, argmax)) argmax = k
    matrix[data.labels[i] as number]![argmax]! += 1
  }
  return matrix
}

/** Suggested label (most probable other than `given`), its probability, and both scores. */
function scores(data: OutOfFold, i: number) {
  const given = data.labels[i] as number
  let suggested = given === 0 ? 1 : 0
  for (let k = 0; k < data.classes; k++) {
    if (k !== given && p(data, i, k) > p(data, i, suggested)) suggested = k
  }
  const selfConfidence = p(data, i, given)
  const suggestedProbability = p(data, i, suggested)
  return {
    given,
    suggested,
    suggestedProbability,
    selfConfidence,
    normalizedMargin: (selfConfidence - suggestedProbability + 1) / 2,
  }
}

/**
 * The label issues (cleanlab's default `prune_by_noise_rate`): for every off-diagonal cell
 * (given i, true j) of the prune counts, the faces given i with the largest margin p(j) - p(i),
 * as many as the cell says; faces whose most probable label is their given one are never issues.
 * Returned lowest score first (most likely wrong first), ties by index.
 */
export function findLabelIssues(
  data: OutOfFold,
  calibrated: readonly (readonly number[])[],
  ranking: IssueRanking = 'selfConfidence',
): LabelIssue[] {
  const prune = pruneCounts(calibrated)
  const byLabel: number[][] = Array.from({ length: data.classes }, () => [])
  for (let i = 0; i < countOf(data); i++) byLabel[data.labels[i] as number]!.push(i)
  const flagged = new Set<number>()
  for (let g = 0; g < data.classes; g++) {
    for (let t = 0; t < data.classes; t++) {
      const take = t === g ? 0 : (prune[g]?.[t] ?? 0)
      if (take <= 0) continue
      const members = [...(byLabel[g] as number[])].sort(
        (a, b) => p(data, b, t) - p(data, b, g) - (p(data, a, t) - p(data, a, g)) || a - b,
      )
      for (const i of members.slice(0, take)) flagged.add(i)
    }
  }
  const issues: LabelIssue[] = []
  for (const index of flagged) {
    const s = scores(data, index)
    let argmax = 0
    for (let k = 1; k < data.classes; k++)
      if (p(data, index, k) > p(data, index, argmax)) argmax = k
    if (argmax === s.given) continue
    issues.push({
      index,
      given: s.given,
      suggested: s.suggested,
      suggestedProbability: s.suggestedProbability,
      selfConfidence: s.selfConfidence,
      score: ranking === 'selfConfidence' ? s.selfConfidence : s.normalizedMargin,
    })
  }
  return issues.sort((a, b) => a.score - b.score || a.index - b.index)
}

export type ConfidentLearningResult = Readonly<{
  thresholds: number[]
  confidentJoint: number[][]
  calibratedJoint: number[][]
  noiseMatrix: number[][]
  issues: LabelIssue[]
}>

/** Everything above, in order, for one table of out-of-fold probabilities. */
export function confidentLearning(
  data: OutOfFold,
  ranking: IssueRanking = 'selfConfidence',
): ConfidentLearningResult {
  const thresholds = perClassThresholds(data)
  const joint = confidentJoint(data, thresholds)
  const calibrated = calibrateJoint(joint, labelCounts(data))
  return {
    thresholds,
    confidentJoint: joint,
    calibratedJoint: calibrated,
    noiseMatrix: noiseMatrix(calibrated),
    issues: findLabelIssues(data, calibrated, ranking),
  }
}
