import { memo, useState } from 'react'

import type { FaceId, FaceSummary } from '../../../shared/domain'
import { faceStripUrl } from '../../api/mediaUrl'
import { useLoadedImage } from '../../lib/useLoadedImage'
import { useFacesStore } from '../../stores/faces/facesStore'
import { FaceTile } from './FaceTile'
import { TILE_HEIGHT } from './gridGeometry'

type Props = Readonly<{
  /** All ids of the grid, and where this row's run of them starts and how long it is. */
  ids: readonly FaceId[]
  start: number
  length: number
  /** Offset of the row from the top of the grid content, and of its first tile from the left. */
  top: number
  left: number
  /**
   * The grid is being flung: a row that appears now waits with its image until the fling ends,
   * so a fast scroll does not fetch, decode and paint hundreds of faces nobody can see.
   */
  deferImage: boolean
}>

/** The strip URL of these faces once every summary (and so every content hash) is known. */
function stripUrlOf(
  ids: readonly FaceId[],
  start: number,
  length: number,
  summaries: ReadonlyMap<FaceId, FaceSummary>,
): string | null {
  const faces: { id: number; hash: string }[] = []
  for (let i = start; i < start + length; i++) {
    const face = summaries.get(ids[i] as FaceId)
    if (face === undefined) return null
    faces.push(face)
  }
  return faces.length === 0 ? null : faceStripUrl(faces)
}

/**
 * One row of the grid. Its faces' images come as one strip (one request and one decode for the
 * row), shown by every tile at its own offset once loaded, so a tile never shows a face that is
 * not its own. Tiles are keyed by column: when a filter swaps the faces, they update in place.
 */
export const FaceRow = memo(function FaceRow({ ids, start, length, top, left, deferImage }: Props) {
  const stripUrl = useFacesStore((s) => stripUrlOf(ids, start, length, s.summaries))
  // Once a row may show its images it keeps them, also when a fling starts later.
  const [isImageWanted, setImageWanted] = useState(!deferImage)
  if (!deferImage && !isImageWanted) setImageWanted(true)
  const loadedUrl = useLoadedImage(isImageWanted ? stripUrl : null)
  const tiles = []
  for (let column = 0; column < length; column++) {
    tiles.push(
      <FaceTile
        key={column}
        id={ids[start + column] as FaceId}
        stripUrl={loadedUrl}
        stripIndex={column}
        stripLength={length}
      />,
    )
  }
  return (
    <div
      className="face-row"
      data-testid="face-row"
      data-strip={isImageWanted ? (stripUrl ?? '') : ''}
      style={{ transform: `translateY(${top}px)`, height: TILE_HEIGHT, left }}
    >
      {tiles}
    </div>
  )
})
