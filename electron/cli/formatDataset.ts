import type { ClassCounts, DatasetSummary, DuplicateSummary } from '../../shared/domain/dataset'
import { EMOTIONS } from '../../shared/domain/emotion'
import { EXCLUSION_TITLES } from '../../shared/domain/exclusion'
import type { ExclusionCounts } from '../../shared/domain/exclusion'
import { formatNumber, formatTable } from './output'

type Counts = Readonly<{ train: ClassCounts; validation: ClassCounts; test: ClassCounts }>

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0)

/** Per-class x per-split counts with totals; splits without faces are left out. */
export function formatCounts(counts: Counts): string {
  const splits = (['train', 'validation', 'test'] as const).filter((s) => sum(counts[s]) > 0)
  const header = ['split', ...EMOTIONS, 'total']
  const rows: (string | number)[][] = splits.map((s) => [s, ...counts[s], sum(counts[s])])
  const totals = EMOTIONS.map((_, i) => sum(splits.map((s) => counts[s][i] ?? 0)))
  if (splits.length > 1) rows.push(['all', ...totals, sum(totals)])
  return formatTable([header, ...rows])
}

/** Exact duplicates, leakage, conflicts and blank faces in a few lines. */
export function formatDuplicates(d: DuplicateSummary): string {
  return [
    `exact duplicates: ${formatNumber(d.groups)} groups (${formatNumber(d.facesInGroups)} faces)`,
    `  spanning splits (train/test leakage): ${formatNumber(d.crossSplitGroups)} groups`,
    `  with conflicting labels: ${formatNumber(d.conflictingGroups)} groups`,
    `blank single-colour faces: ${formatNumber(d.blankFaces)}`,
  ].join('\n')
}

/** Excluded faces by reason, in one line; empty when none is excluded. */
export function formatExclusions(e: ExclusionCounts): string {
  if (e.total === 0) return ''
  const parts = [
    `${formatNumber(e.notAFace)} ${EXCLUSION_TITLES['not-a-face']}`,
    `${formatNumber(e.duplicate)} ${EXCLUSION_TITLES.duplicate}`,
    `${formatNumber(e.other)} other`,
  ]
  return `excluded (left out of the counts above, training and exports): ${formatNumber(e.total)} faces: ${parts.join(', ')}`
}

/** A dataset's header line, counts and duplicate findings. */
export function formatDatasetSummary(summary: DatasetSummary): string {
  return [
    `${summary.name} (id ${summary.id}): ${formatNumber(summary.faceCount)} faces, ${summary.faceSize}x${summary.faceSize}, from ${summary.source}${summary.hasFerPlus ? ', with FER+ votes' : ''}`,
    '',
    formatCounts(summary.counts),
    ...(summary.excluded.total > 0 ? [formatExclusions(summary.excluded)] : []),
    '',
    formatDuplicates(summary.duplicates),
  ].join('\n')
}
