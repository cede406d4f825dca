import type { DuplicateSummary } from '../../../shared/domain'
import { formatCount } from '../../lib/format'

type Props = Readonly<{ duplicates: DuplicateSummary; hasFerPlus: boolean }>

/** Duplicate, leakage, conflict and blank-face findings as badges; nothing when clean. */
export function FindingsBadges({ duplicates: d, hasFerPlus }: Props) {
  return (
    <span className="row wrap findings">
      {d.groups > 0 ? (
        <span
          className="badge warn"
          title={`${formatCount(d.facesInGroups)} faces in ${formatCount(d.groups)} groups of pixel-identical faces`}
          data-testid="badge-duplicates"
        >
          {formatCount(d.groups)} duplicate groups
        </span>
      ) : null}
      {d.crossSplitGroups > 0 ? (
        <span
          className="badge danger"
          title="Duplicate groups spanning splits: the same face in train and test"
          data-testid="badge-leakage"
        >
          {formatCount(d.crossSplitGroups)} leak across splits
        </span>
      ) : null}
      {d.conflictingGroups > 0 ? (
        <span
          className="badge danger"
          title="Duplicate groups whose faces carry different labels"
          data-testid="badge-conflicts"
        >
          {formatCount(d.conflictingGroups)} conflicting
        </span>
      ) : null}
      {d.blankFaces > 0 ? (
        <span
          className="badge warn"
          title="Faces whose pixels are all one value"
          data-testid="badge-blank"
        >
          {formatCount(d.blankFaces)} blank
        </span>
      ) : null}
      {hasFerPlus ? <span className="badge info">FER+ votes</span> : null}
      {d.groups === 0 && d.blankFaces === 0 ? (
        <span className="badge ok">no duplicates</span>
      ) : null}
    </span>
  )
}
