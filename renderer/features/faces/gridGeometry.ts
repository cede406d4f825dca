import { MAX_STRIP_FACES } from '../../../shared/domain'

/** Fixed tile geometry: fixed sizes make the virtual grid's arithmetic exact and cheap. */
export const TILE_WIDTH = 112
export const TILE_HEIGHT = 134
export const IMAGE_SIZE = 96
export const GRID_PADDING = 8

/**
 * How many tiles fit across a grid of this width: at least one, and at most one image strip's
 * worth (a row's faces come as one strip).
 */
export function columnsFor(width: number): number {
  const fit = Math.floor((width - GRID_PADDING * 2) / TILE_WIDTH)
  return Math.min(MAX_STRIP_FACES, Math.max(1, fit))
}

export type Point = Readonly<{ x: number; y: number }>

/**
 * Indices of the tiles a rubber band from `a` to `b` (content coordinates, scroll included)
 * touches, in display order, clipped to `count` tiles.
 */
export function indicesInRect(a: Point, b: Point, columns: number, count: number): number[] {
  const col = (x: number): number =>
    Math.min(columns - 1, Math.max(0, Math.floor((x - GRID_PADDING) / TILE_WIDTH)))
  const row = (y: number): number => Math.max(0, Math.floor((y - GRID_PADDING) / TILE_HEIGHT))
  const c0 = col(Math.min(a.x, b.x))
  const c1 = col(Math.max(a.x, b.x))
  const r0 = row(Math.min(a.y, b.y))
  const r1 = row(Math.max(a.y, b.y))
  const out: number[] = []
  for (let r = r0; r <= r1; r++) {
    for (let c = c0; c <= c1; c++) {
      const index = r * columns + c
      if (index < count) out.push(index)
    }
  }
  return out
}
