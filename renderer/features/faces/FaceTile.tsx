import { memo, useState } from 'react'

import type { FaceId } from '../../../shared/domain'
import { EMOTION_COLORS } from '../../../shared/domain'
import { faceImageUrl } from '../../api/mediaUrl'
import { EmotionBadge } from '../../components/EmotionBadge'
import { EMOTION_SHORT } from '../../lib/emotionKeys'
import { useFacesStore } from '../../stores/faces/facesStore'
import { IMAGE_SIZE } from './gridGeometry'

/**
 * Ref callback of every tile image (one function, not a closure per tile). Its cleanup removes
 * `src` when the tile unmounts: that cancels a download still in flight, which otherwise keeps
 * the detached tile alive until it finishes — during fast scrolling, thousands of them.
 */
function releaseOnUnmount(img: HTMLImageElement | null): (() => void) | undefined {
  if (img === null) return undefined
  return () => img.removeAttribute('src')
}

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
  /**
   * The grid is being flung: a tile that appears now waits with its image until the fling ends,
   * so a fast scroll does not fetch, decode and paint hundreds of faces nobody can see.
   */
  deferImage?: boolean
}>

/**
 * One face in the grid. It subscribes to its own summary, selection and focus only, so a
 * relabel or a click re-renders the tiles it concerns and nothing else.
 */
export const FaceTile = memo(function FaceTile({ id, deferImage = false }: Props) {
  const face = useFacesStore((s) => s.summaries.get(id))
  // Once a tile may show its image it keeps it, also when a fling starts later.
  const [isImageWanted, setImageWanted] = useState(!deferImage)
  if (!deferImage && !isImageWanted) setImageWanted(true)
  const selected = useFacesStore((s) => s.selected.has(id))
  const focused = useFacesStore((s) => s.focusId === id)
  const prediction = face?.prediction ?? null
  const relabeled = face !== undefined && face.label !== face.originalLabel
  const className = ['face-tile', selected && 'selected', focused && 'focused']
    .filter(Boolean)
    .join(' ')
  return (
    <div
      id={`face-${id}`}
      role="option"
      aria-selected={selected}
      aria-label={
        face
          ? `Face ${id}, ${face.label}${prediction ? `, predicted ${prediction.label}` : ''}`
          : `Face ${id}`
      }
      className={className}
      data-testid="face-tile"
      data-face-id={id}
      data-label={face?.label ?? ''}
      data-selected={selected}
      style={face ? { borderBottomColor: EMOTION_COLORS[face.label] } : undefined}
    >
      <img
        // A new element per face: a reused one would show the previous face until this loads.
        key={id}
        ref={releaseOnUnmount}
        // Requested once the summary (and so the content hash) is known: the versioned URL is
        // cached as immutable, and the image is never fetched twice under two URLs.
        src={face && isImageWanted ? faceImageUrl(id, undefined, face.hash) : undefined}
        width={IMAGE_SIZE}
        height={IMAGE_SIZE}
        loading="lazy"
        decoding="async"
        draggable={false}
        alt=""
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
