import { describe, expect, it } from 'vitest'

import { MAX_STRIP_FACES } from '../../../shared/domain'
import { columnsFor, GRID_PADDING, indicesInRect, TILE_HEIGHT, TILE_WIDTH } from './gridGeometry'

const at = (col: number, row: number, dx = 10, dy = 10) => ({
  x: GRID_PADDING + col * TILE_WIDTH + dx,
  y: GRID_PADDING + row * TILE_HEIGHT + dy,
})

describe('grid geometry', () => {
  it('fits whole tiles across the width', () => {
    expect(columnsFor(0)).toBe(1)
    expect(columnsFor(GRID_PADDING * 2 + TILE_WIDTH * 7 + 5)).toBe(7)
    // A row is one image strip: a wall of screens still gets rows the media service serves.
    expect(columnsFor(GRID_PADDING * 2 + TILE_WIDTH * 100)).toBe(MAX_STRIP_FACES)
  })

  it('selects the tiles a rubber band touches, in either drag direction, within the count', () => {
    expect(indicesInRect(at(1, 0), at(2, 1), 5, 100)).toEqual([1, 2, 6, 7])
    expect(indicesInRect(at(2, 1), at(1, 0), 5, 100)).toEqual([1, 2, 6, 7])
    expect(indicesInRect(at(3, 1), at(4, 2), 5, 12)).toEqual([8, 9])
    // Dragged past the right edge: clamps to the last column.
    expect(indicesInRect(at(4, 0), { x: 5000, y: 20 }, 5, 100)).toEqual([4])
  })
})
