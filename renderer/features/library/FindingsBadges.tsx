import type { DuplicateSummary, FaceFinding } from '../../../shared/domain'
import { formatCount } from '../../lib/format'

type Props = Readonly<{
  duplicates: DuplicateSummary
  hasFerPlus: boolean
  /** Opens the finding's faces in the grid; without it the badges are plain labels. */
  onOpen?: (finding: FaceFinding) => void
}>

type Finding = Readonly<{
  finding: FaceFinding
  count: number
  tone: 'warn' | 'danger'
  title: string
  testId: string
  noun: string
}>

/** The findings to show as badges, in display order; those with a zero count are hidden. */
function findings(d: DuplicateSummary): readonly Finding[] {
  return [
    {
      finding: 'duplicates',
      count: d.groups,
      tone: 'warn',
      title: `${formatCount(d.facesInGroups)} faces in ${formatCount(d.groups)} groups of pixel-identical faces`,
      testId: 'badge-duplicates',
      noun: 'duplicate groups',
    },
    {
      finding: 'leakage',
      count: d.crossSplitGroups,
      tone: 'danger',
      title: 'Duplicate groups spanning splits: the same face in train and test',
      testId: 'badge-leakage',
      noun: 'leak across splits',
    },
    {
      finding: 'conflicts',
      count: d.conflictingGroups,
      tone: 'danger',
      title: 'Duplicate groups whose faces carry different labels',
      testId: 'badge-conflicts',
      noun: 'conflicting',
    },
    {
      finding: 'blank',
      count: d.blankFaces,
      tone: 'warn',
      title: 'Faces whose pixels are all one value',
      testId: 'badge-blank',
      noun: 'blank',
    },
  ]
}

/**
 * Duplicate, leakage, conflict and blank-face findings as badges (buttons opening exactly those
 * faces when `onOpen` is given); nothing but "no duplicates" when clean.
 */
export function FindingsBadges({ duplicates: d, hasFerPlus, onOpen }: Props) {
  return (
    <span className="row wrap findings">
      {findings(d)
        .filter((f) => f.count > 0)
        .map((f) =>
          onOpen ? (
            <button
              key={f.testId}
              type="button"
              className={`badge badge-button ${f.tone}`}
              title={`${f.title}. Open these faces`}
              onClick={() => onOpen(f.finding)}
              data-testid={f.testId}
            >
              {formatCount(f.count)} {f.noun}
            </button>
          ) : (
            <span
              key={f.testId}
              className={`badge ${f.tone}`}
              title={f.title}
              data-testid={f.testId}
            >
              {formatCount(f.count)} {f.noun}
            </span>
          ),
        )}
      {hasFerPlus ? <span className="badge info">FER+ votes</span> : null}
      {d.groups === 0 && d.blankFaces === 0 ? (
        <span className="badge ok">no duplicates</span>
      ) : null}
    </span>
  )
}
