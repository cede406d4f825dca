import type { DatasetSummary } from '../../shared/domain'

type Props = Readonly<{
  dataset: DatasetSummary | null
  /** What leaves them out: "training", "these counts"... */
  from: string
}>

/** "N excluded faces are left out of …", or nothing when no face of the dataset is excluded. */
export function ExcludedNote({ dataset, from }: Props) {
  const n = dataset?.excluded.total ?? 0
  if (n === 0) return null
  return (
    <span className="hint" data-testid="excluded-note" data-count={n}>
      {n.toLocaleString('en-US')} excluded {n === 1 ? 'face is' : 'faces are'} left out of {from}.
    </span>
  )
}
