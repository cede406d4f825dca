/**
 * Classification metrics from a confusion matrix, matching scikit-learn's
 * `classification_report` (zero_division=0): rows are true classes, columns predicted ones.
 */
export type ClassMetrics = Readonly<{
  precision: number
  recall: number
  f1: number
  support: number
}>

export type ClassificationReport = Readonly<{
  perClass: readonly ClassMetrics[]
  accuracy: number
  macro: ClassMetrics
  weighted: ClassMetrics
  total: number
}>

export function emptyConfusion(classes: number): number[][] {
  return Array.from({ length: classes }, () => new Array<number>(classes).fill(0))
}

/** Counts (true, predicted) pairs into a classes x classes matrix. */
export function confusionMatrix(
  truth: ArrayLike<number>,
  predicted: ArrayLike<number>,
  classes: number,
): number[][] {
  if (truth.length !== predicted.length) {
    throw new Error(
      `confusionMatrix: ${truth.length} true labels but ${predicted.length} predictions`,
    )
  }
  const matrix = emptyConfusion(classes)
  for (let i = 0; i < truth.length; i++) {
    const row = matrix[truth[i] as number]
    if (row === undefined) throw new Error(`confusionMatrix: label ${truth[i]} out of range`)
    row[predicted[i] as number] = (row[predicted[i] as number] ?? 0) + 1
  }
  return matrix
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b)

export function classificationReport(
  confusion: readonly (readonly number[])[],
): ClassificationReport {
  const n = confusion.length
  const cell = (r: number, c: number): number => confusion[r]?.[c] ?? 0
  let total = 0
  let correct = 0
  const perClass: ClassMetrics[] = []
  for (let k = 0; k < n; k++) {
    let support = 0
    let predictedK = 0
    for (let j = 0; j < n; j++) {
      support += cell(k, j)
      predictedK += cell(j, k)
    }
    const tp = cell(k, k)
    const precision = ratio(tp, predictedK)
    const recall = ratio(tp, support)
    const f1 = ratio(2 * precision * recall, precision + recall)
    perClass.push({ precision, recall, f1, support })
    total += support
    correct += tp
  }
  const average = (weightOf: (m: ClassMetrics) => number): ClassMetrics => {
    const weightSum = perClass.reduce((s, m) => s + weightOf(m), 0)
    const mean = (pick: (m: ClassMetrics) => number): number =>
      ratio(
        perClass.reduce((s, m) => s + pick(m) * weightOf(m), 0),
        weightSum,
      )
    return {
      precision: mean((m) => m.precision),
      recall: mean((m) => m.recall),
      f1: mean((m) => m.f1),
      support: total,
    }
  }
  return {
    perClass,
    accuracy: ratio(correct, total),
    macro: average(() => 1),
    weighted: average((m) => m.support),
    total,
  }
}

/** The report as scikit-learn prints it, with the given class names. */
export function formatClassificationReport(
  report: ClassificationReport,
  names: readonly string[],
  digits = 2,
): string {
  const width = Math.max(12, ...names.map((n) => n.length))
  const num = (x: number): string => x.toFixed(digits).padStart(9)
  const sup = (x: number): string => String(x).padStart(9)
  const head =
    ' '.repeat(width) +
    ['precision', 'recall', 'f1-score', 'support'].map((h) => h.padStart(10)).join('')
  const line = (name: string, m: ClassMetrics): string =>
    name.padStart(width) +
    ' ' +
    [m.precision, m.recall, m.f1].map(num).join(' ') +
    ' ' +
    sup(m.support)
  const rows = report.perClass.map((m, i) => line(names[i] ?? String(i), m))
  const acc =
    'accuracy'.padStart(width) + ' '.repeat(21) + num(report.accuracy) + ' ' + sup(report.total)
  return [
    head,
    '',
    ...rows,
    '',
    acc,
    line('macro avg', report.macro),
    line('weighted avg', report.weighted),
  ].join('\n')
}
