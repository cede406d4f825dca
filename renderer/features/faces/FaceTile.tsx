import { memo } from 'react'

import type { FaceId } from '../../../shared/domain'
import { EMOTION_COLORS } from '../../../shared/domain'
import { EXCLUSION_TITLES } from '../../../shared/domain/exclusion'
import { EmotionBadge } from '../../components/EmotionBadge'
import { EMOTION_SHORT } from '../../lib/emotionKeys'
import { useFacesStore } from '../../stores/faces/facesStore'
import { IMAGE_SIZE } from './gridGeometry'

/** Two overlapping squares: the "has duplicates" flag, drawn so it needs no special font. */
function DuplicateIcon() {
  return (
    <svg width="10" height="10" viewBox="0 0 10 10" aria-hidden="true" focusable="false">
      <rect x="0.5" y="0.5" width="6" height="6" fill="none" stroke="currentColor" />
      <rect x="3.5" y="3.5" width="6" height="6" fill="currentColor" />
    </svg>
  )
}

type Props = Readonly<{
  id: FaceId
  /** The loaded image of the tile's row (faces side by side), or null while there is none. */
  stripUrl: string | null
  /** This face's place in the strip, and how many faces the strip holds. */
  stripIndex: number
  stripLength: number
}>

/**
 * One face in the grid. It subscribes to its own summary, selection and focus only, so a
 * relabel or a click re-renders the tiles it concerns and nothing else.
 */
export const FaceTile = memo(function FaceTile({ id, stripUrl, stripIndex, stripLength }: Props) {
  const face = useFacesStore((s) => s.summaries.get(id))
  const selected = useFacesStore((s) => s.selected.has(id))
  const focused = useFacesStore((s) => s.focusId === id)
  const prediction = face?.prediction ?? null
  const relabeled = face !== undefined && face.label !== face.originalLabel
  const excluded = face?.excluded ?? null
  const className = [
    'face-tile',
    selected && 'selected',
    focused && 'focused',
    excluded !== null && 'excluded',
  ]
    .filter(Boolean)
    .join(' ')
  return (
    <div
      id={`face-${id}`}
      role="option"
      aria-selected={selected}
      aria-label={
        face
          ? `Face ${id}, ${face.label}${prediction ? `, predicted ${prediction.label}` : ''}${
              excluded !== null ? `, excluded: ${EXCLUSION_TITLES[excluded]}` : ''
            }`
          : `Face ${id}`
      }
      className={className}
      data-testid="face-tile"
      data-face-id={id}
      data-label={face?.label ?? ''}
      data-selected={selected}
      data-excluded={excluded ?? ''}
      style={face ? { borderBottomColor: EMOTION_COLORS[face.label] } : undefined}
    >
      <div
        className="face-tile-image"
        data-testid="face-image"
        data-ready={stripUrl !== null}
        style={
          stripUrl === null
            ? undefined
            : {
                backgroundImage: `url("${stripUrl}")`,
                backgroundSize: `${stripLength * IMAGE_SIZE}px ${IMAGE_SIZE}px`,
                backgroundPosition: `${-stripIndex * IMAGE_SIZE}px 0`,
              }
        }
      />
      <div className="face-tile-meta">
        {face ? (
          <EmotionBadge emotion={face.label} short title="label" />
        ) : (
          <span className="face-tile-placeholder" />
        )}
        {prediction ? (
          <span
            className={
              prediction.label === face?.label
                ? 'face-tile-pred agrees'
                : 'face-tile-pred disagrees'
            }
            title={`Predicted ${prediction.label} (${(prediction.confidence * 100).toFixed(0)}%)`}
            data-testid="face-prediction"
          >
            {EMOTION_SHORT[prediction.label]} {(prediction.confidence * 100).toFixed(0)}%
          </span>
        ) : null}
      </div>
      <div className="face-tile-flags">
        {excluded !== null ? (
          <span
            className="flag excluded"
            title={`Excluded: ${EXCLUSION_TITLES[excluded]}`}
            data-testid="face-excluded"
          >
            ⊘
          </span>
        ) : null}
        {relabeled ? (
          <span className="flag relabeled" title={`Relabelled (was ${face.originalLabel})`}>
            ✎
          </span>
        ) : null}
        {face?.duplicateGroup != null ? (
          <span className="flag duplicate" title="Has pixel-identical duplicates">
            <DuplicateIcon />
          </span>
        ) : null}
      </div>
    </div>
  )
})
