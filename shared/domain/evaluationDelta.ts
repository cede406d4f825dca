import { EMOTIONS, type Emotion } from './emotion'
import { classificationReport } from './metrics'

export type ClassDelta = Readonly<{
  emotion: Emotion
  recall: Readonly<{ before: number; after: number }>
  precision: Readonly<{ before: number; after: number }>
  f1: Readonly<{ before: number; after: number }>
  support: Readonly<{ before: number; after: number }>
}>

export type EvaluationDelta = Readonly<{
  /** after - before, per cell (rows true label, columns predicted). */
  cells: number[][]
  perClass: ClassDelta[]
  accuracy: Readonly<{ before: number; after: number }>
  macroF1: Readonly<{ before: number; after: number }>
}>

/**
 * What changed between two confusion matrices of the same split (a run, and its retraining after
 * relabelling): the change in every cell and each class's precision, recall, F1 and support.
 */
export function evaluationDelta(
  before: readonly (readonly number[])[],
  after: readonly (readonly number[])[],
): EvaluationDelta {
  const a = classificationReport(before)
  const b = classificationReport(after)
  const pair = (x: number, y: number) => ({ before: x, after: y })
  return {
    cells: after.map((row, r) => row.map((v, c) => v - (before[r]?.[c] ?? 0))),
    perClass: EMOTIONS.map((emotion, k) => {
      const x = a.perClass[k] ?? { precision: 0, recall: 0, f1: 0, support: 0 }
      const y = b.perClass[k] ?? { precision: 0, recall: 0, f1: 0, support: 0 }
      return {
        emotion,
        recall: pair(x.recall, y.recall),
        precision: pair(x.precision, y.precision),
        f1: pair(x.f1, y.f1),
        support: pair(x.support, y.support),
      }
    }),
    accuracy: pair(a.accuracy, b.accuracy),
    macroF1: pair(a.macro.f1, b.macro.f1),
  }
}
