import type { Suspect } from '../../../shared/domain'
import { EMOTION_COLORS, FERPLUS_VOTE_NAMES } from '../../../shared/domain'
import { faceImageUrl } from '../../api/mediaUrl'
import { EmotionBadge } from '../../components/EmotionBadge'

type Props = Readonly<{ suspect: Suspect; focused: boolean; onFocus: () => void }>

/** The FER+ votes as "happiness 6 · neutral 3", largest first, zero votes left out. */
export function formatVotes(votes: readonly number[]): string {
  return votes
    .map((count, i) => ({ name: FERPLUS_VOTE_NAMES[i] ?? String(i), count }))
    .filter((v) => v.count > 0)
    .sort((a, b) => b.count - a.count)
    .map((v) => `${v.name} ${v.count}`)
    .join(' · ')
}

/** One suspect: the face, its given label, the suggested one with its probability, FER+ votes. */
export function SuspectTile({ suspect, focused, onFocus }: Props) {
  const relabeled = suspect.label !== suspect.given
  return (
    <div
      role="option"
      aria-selected={focused}
      aria-label={`Face ${suspect.faceId}, given ${suspect.given}, suggested ${suspect.suggested}`}
      className={focused ? 'suspect-tile focused' : 'suspect-tile'}
      data-testid="suspect-tile"
      data-face-id={suspect.faceId}
      data-given={suspect.given}
      data-suggested={suspect.suggested}
      onClick={onFocus}
      style={{ borderBottomColor: EMOTION_COLORS[suspect.suggested] }}
    >
      <img
        className="suspect-image"
        src={faceImageUrl(suspect.faceId, 96)}
        alt=""
        width={96}
        height={96}
      />
      <div className="suspect-labels">
        <span className="muted">#{suspect.rank}</span>
        <EmotionBadge emotion={suspect.given} short title="given label" />
        <span aria-hidden="true">→</span>
        <EmotionBadge emotion={suspect.suggested} short title="suggested label" />
        <span className="muted" data-testid="suggested-probability">
          {(suspect.suggestedProbability * 100).toFixed(0)}%
        </span>
      </div>
      {suspect.ferPlusVotes ? (
        <div className="suspect-votes muted" data-testid="ferplus-votes" title="FER+ votes">
          FER+ {formatVotes(suspect.ferPlusVotes)}
        </div>
      ) : null}
      {relabeled ? <div className="suspect-note muted">now {suspect.label}</div> : null}
    </div>
  )
}
