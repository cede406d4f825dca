import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useLayoutEffect, useRef } from 'react'
import type { MouseEvent as ReactMouseEvent, MutableRefObject } from 'react'

import type { FaceId } from '../../../shared/domain'
import { isPrimaryModifier } from '../../lib/keyboard'
import { useElementSize } from '../../lib/useElementSize'
import { useFacesStore } from '../../stores/faces/facesStore'
import { FaceRow } from './FaceRow'
import { columnsFor, GRID_PADDING, indicesInRect, TILE_HEIGHT, TILE_WIDTH } from './gridGeometry'
import type { Point } from './gridGeometry'
import { useFling } from './useFling'
import { FACE_GRID_ID } from './focusFaceGrid'

/** Pointer travel before a press becomes a rubber-band drag rather than a click. */
const DRAG_THRESHOLD = 5
/** Distance from the top/bottom edge where a drag scrolls the grid. */
const EDGE = 36

type Drag = {
  start: Point
  base: ReadonlySet<FaceId> | undefined
  moved: boolean
  tileId: FaceId | null
  shift: boolean
  toggle: boolean
  clientY: number
  frame: number
}

type Props = Readonly<{
  /** Receives the column count so arrow keys can move by rows. */
  columnsRef: MutableRefObject<number>
  /** Receives the number of fully visible rows, for Page Up/Down. */
  pageRowsRef: MutableRefObject<number>
}>

/**
 * The virtualized grid: only the visible rows (plus a few) exist in the DOM, so 35,887 faces
 * scroll like 100. Fixed-size tiles; summaries are fetched in windows around what is visible.
 * Click, shift-click, ctrl/cmd-click and rubber-band drag select.
 */
export function FaceGrid({ columnsRef, pageRowsRef }: Props) {
  const ids = useFacesStore((s) => s.ids)
  const ensureRange = useFacesStore((s) => s.ensureRange)
  const focusIndex = useFacesStore((s) =>
    s.focusId === null ? -1 : (s.indexOf.get(s.focusId) ?? -1),
  )
  const focusId = useFacesStore((s) => s.focusId)
  const scrollRef = useRef<HTMLDivElement>(null)
  const bandRef = useRef<HTMLDivElement>(null)
  const dragRef = useRef<Drag | null>(null)
  const { width, height } = useElementSize(scrollRef)
  const isFlinging = useFling(scrollRef)
  const columns = columnsFor(width)
  const rowCount = Math.ceil(ids.length / columns)
  // Rows are centred: the slack left over by whole tiles goes to both sides.
  const left = Math.max(GRID_PADDING, Math.floor((width - columns * TILE_WIDTH) / 2))
  columnsRef.current = columns
  pageRowsRef.current = Math.max(1, Math.floor(height / TILE_HEIGHT))

  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => TILE_HEIGHT,
    overscan: 4,
    paddingStart: GRID_PADDING,
    paddingEnd: GRID_PADDING,
  })
  const rows = virtualizer.getVirtualItems()
  const firstRow = rows[0]?.index ?? 0
  const lastRow = rows[rows.length - 1]?.index ?? 0

  // Summaries for the visible rows and a screenful either side, so scrolling finds them ready.
  // What is on screen goes in a request of its own, first, so the margins never hold it up
  // (after a filter change the grid shows its tiles as soon as that small answer is back).
  useEffect(() => {
    const span = lastRow - firstRow + 1
    ensureRange(firstRow * columns, (lastRow + 1) * columns - 1)
    ensureRange((firstRow - span) * columns, (lastRow + span + 1) * columns)
  }, [firstRow, lastRow, columns, ids, ensureRange])

  // Keep the keyboard focus on screen. A layout effect, so that after a filter change the grid
  // jumps to the focused face before the browser paints the rows it would otherwise show first.
  useLayoutEffect(() => {
    if (focusIndex >= 0 && dragRef.current === null) {
      virtualizer.scrollToIndex(Math.floor(focusIndex / columns), { align: 'auto' })
    }
  }, [focusIndex, columns, virtualizer])

  const contentPoint = (clientX: number, clientY: number): Point => {
    const el = scrollRef.current as HTMLDivElement
    const rect = el.getBoundingClientRect()
    return { x: clientX - rect.left + el.scrollLeft, y: clientY - rect.top + el.scrollTop }
  }

  const updateBand = (drag: Drag, point: Point): void => {
    const state = useFacesStore.getState()
    const shift = left - GRID_PADDING
    const indices = indicesInRect(
      { x: drag.start.x - shift, y: drag.start.y },
      { x: point.x - shift, y: point.y },
      columns,
      state.ids.length,
    )
    state.selectIds(
      indices.map((i) => state.ids[i] as FaceId),
      drag.base,
    )
    const band = bandRef.current
    if (band !== null) {
      band.style.display = 'block'
      band.style.left = `${Math.min(drag.start.x, point.x)}px`
      band.style.top = `${Math.min(drag.start.y, point.y)}px`
      band.style.width = `${Math.abs(point.x - drag.start.x)}px`
      band.style.height = `${Math.abs(point.y - drag.start.y)}px`
    }
  }

  const onMouseDown = (event: ReactMouseEvent<HTMLDivElement>): void => {
    if (event.button !== 0 || scrollRef.current === null) return
    // A press on the scrollbar is not a selection.
    if (
      event.clientX - scrollRef.current.getBoundingClientRect().left >
      scrollRef.current.clientWidth
    )
      return
    event.preventDefault()
    scrollRef.current.focus({ preventScroll: true })
    const tile = (event.target as HTMLElement).closest<HTMLElement>('[data-face-id]')
    const toggle = isPrimaryModifier(event)
    const drag: Drag = {
      start: contentPoint(event.clientX, event.clientY),
      base: toggle || event.shiftKey ? new Set(useFacesStore.getState().selected) : undefined,
      moved: false,
      tileId: tile ? (Number(tile.dataset.faceId) as FaceId) : null,
      shift: event.shiftKey,
      toggle,
      clientY: event.clientY,
      frame: 0,
    }
    dragRef.current = drag
    let lastX = event.clientX

    // While the pointer rests near an edge, keep scrolling and growing the band.
    const autoScroll = (): void => {
      const el = scrollRef.current
      if (el === null || dragRef.current !== drag) return
      const rect = el.getBoundingClientRect()
      const delta =
        drag.clientY < rect.top + EDGE ? -18 : drag.clientY > rect.bottom - EDGE ? 18 : 0
      if (delta !== 0 && drag.moved) {
        el.scrollTop += delta
        updateBand(drag, contentPoint(lastX, drag.clientY))
      }
      drag.frame = requestAnimationFrame(autoScroll)
    }
    drag.frame = requestAnimationFrame(autoScroll)

    const onMove = (e: MouseEvent): void => {
      lastX = e.clientX
      drag.clientY = e.clientY
      const point = contentPoint(e.clientX, e.clientY)
      if (
        !drag.moved &&
        Math.hypot(point.x - drag.start.x, point.y - drag.start.y) < DRAG_THRESHOLD
      )
        return
      drag.moved = true
      updateBand(drag, point)
    }
    const onUp = (): void => {
      window.removeEventListener('mousemove', onMove)
      window.removeEventListener('mouseup', onUp)
      cancelAnimationFrame(drag.frame)
      dragRef.current = null
      if (bandRef.current !== null) bandRef.current.style.display = 'none'
      const state = useFacesStore.getState()
      if (drag.moved) return
      if (drag.tileId !== null)
        state.clickFace(drag.tileId, { shift: drag.shift, toggle: drag.toggle })
      else if (!drag.toggle && !drag.shift) state.clearSelection()
    }
    window.addEventListener('mousemove', onMove)
    window.addEventListener('mouseup', onUp)
  }

  return (
    <div
      ref={scrollRef}
      id={FACE_GRID_ID}
      className="face-grid"
      role="listbox"
      aria-label="Faces"
      aria-multiselectable="true"
      aria-activedescendant={focusId !== null ? `face-${focusId}` : undefined}
      tabIndex={0}
      onMouseDown={onMouseDown}
      data-testid="face-grid"
      data-total={ids.length}
    >
      <div
        className="face-grid-content"
        style={{ height: virtualizer.getTotalSize(), width: '100%' }}
      >
        {rows.map((row) => (
          <FaceRow
            key={row.key}
            ids={ids}
            start={row.index * columns}
            length={Math.min(columns, ids.length - row.index * columns)}
            top={row.start}
            left={left}
            deferImage={isFlinging}
          />
        ))}
        <div ref={bandRef} className="rubber-band" aria-hidden="true" />
      </div>
    </div>
  )
}
