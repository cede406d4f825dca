import { SPLITS } from '../../shared/domain'
import type { DatasetSummary, Split } from '../../shared/domain'

/** The splits of a dataset that hold (included) faces: the only ones worth offering. */
export function splitsWithFaces(dataset: DatasetSummary | null): Split[] {
  if (dataset === null) return [...SPLITS]
  return SPLITS.filter((split) => dataset.counts[split].some((n) => n > 0))
}
