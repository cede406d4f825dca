import { useCallback, useRef, useState } from 'react'
import type { KeyboardEvent } from 'react'

/** Where a key moves the active cell of a rows x columns grid; null for other keys. */
export function moveInGrid(
  key: string,
  at: Readonly<{ row: number; col: number }>,
  rows: number,
  cols: number,
  ctrl = false,
): { row: number; col: number } | null {
  const clamp = (v: number, n: number) => Math.min(n - 1, Math.max(0, v))
  switch (key) {
    case 'ArrowRight':
      return { row: at.row, col: clamp(at.col + 1, cols) }
    case 'ArrowLeft':
      return { row: at.row, col: clamp(at.col - 1, cols) }
    case 'ArrowDown':
      return { row: clamp(at.row + 1, rows), col: at.col }
    case 'ArrowUp':
      return { row: clamp(at.row - 1, rows), col: at.col }
    case 'Home':
      return ctrl ? { row: 0, col: 0 } : { row: at.row, col: 0 }
    case 'End':
      return ctrl ? { row: rows - 1, col: cols - 1 } : { row: at.row, col: cols - 1 }
    default:
      return null
  }
}

/**
 * A roving tabindex over a grid of cells (the ARIA grid pattern): one cell is in the tab order,
 * arrow keys (Home/End, Ctrl+Home/End) move it and the focus. `cellProps(row, col)` gives each
 * cell its tabIndex, ref and focus handler; `onKeyDown` goes on the grid.
 */
export function useRovingGrid(rows: number, cols: number) {
  const [active, setActive] = useState({ row: 0, col: 0 })
  const cells = useRef(new Map<string, HTMLElement>())
  const onKeyDown = useCallback(
    (e: KeyboardEvent) => {
      const next = moveInGrid(e.key, active, rows, cols, e.ctrlKey || e.metaKey)
      if (next === null) return
      e.preventDefault()
      setActive(next)
      cells.current.get(`${next.row}:${next.col}`)?.focus()
    },
    [active, rows, cols],
  )
  const cellProps = (row: number, col: number) => ({
    tabIndex: row === active.row && col === active.col ? 0 : -1,
    ref: (el: HTMLElement | null) => {
      if (el) cells.current.set(`${row}:${col}`, el)
      else cells.current.delete(`${row}:${col}`)
    },
    onFocus: () => {
      if (row !== active.row || col !== active.col) setActive({ row, col })
    },
  })
  return { onKeyDown, cellProps }
}
