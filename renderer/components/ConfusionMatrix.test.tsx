// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { moveInGrid } from '../lib/useRovingGrid'
import { ConfusionMatrix } from './ConfusionMatrix'

afterEach(cleanup)

/** 7x7 with 5 on the diagonal, 1 angry predicted as disgust, the rest empty. */
const MATRIX = Array.from({ length: 7 }, (_, r) =>
  Array.from({ length: 7 }, (_, c) => (r === c ? 5 : r === 0 && c === 1 ? 1 : 0)),
)

const button = (truth: string, predicted: string) =>
  screen.getByTestId(`cm-cell-${truth}-${predicted}`).querySelector('button') as HTMLElement

describe('ConfusionMatrix keyboard', () => {
  it('has one cell in the tab order; arrow keys move between cells and Enter opens one', async () => {
    const open = vi.fn()
    render(<ConfusionMatrix matrix={MATRIX} normalized={false} caption="m" onCellClick={open} />)
    const user = userEvent.setup()
    const focusable = [...document.querySelectorAll('button')].filter((b) => b.tabIndex === 0)
    expect(focusable).toHaveLength(1)
    await user.tab()
    expect(document.activeElement).toBe(button('angry', 'angry'))
    await user.keyboard('{ArrowRight}')
    expect(document.activeElement).toBe(button('angry', 'disgust'))
    await user.keyboard('{Enter}')
    expect(open).toHaveBeenCalledWith('angry', 'disgust')
    await user.keyboard('{ArrowDown}{ArrowDown}')
    expect(document.activeElement).toBe(button('fear', 'disgust'))
    // An empty cell can be reached and read, but opens nothing.
    await user.keyboard('{Enter}')
    expect(open).toHaveBeenCalledTimes(1)
    expect(button('fear', 'disgust').getAttribute('aria-disabled')).toBe('true')
    await user.keyboard('{End}')
    expect(document.activeElement).toBe(button('fear', 'neutral'))
    expect(button('fear', 'neutral').tabIndex).toBe(0)
    expect(button('angry', 'angry').tabIndex).toBe(-1)
  })

  it('keeps the active cell inside the grid', () => {
    expect(moveInGrid('ArrowLeft', { row: 0, col: 0 }, 7, 7)).toEqual({ row: 0, col: 0 })
    expect(moveInGrid('ArrowDown', { row: 6, col: 3 }, 7, 7)).toEqual({ row: 6, col: 3 })
    expect(moveInGrid('End', { row: 2, col: 3 }, 7, 7, true)).toEqual({ row: 6, col: 6 })
    expect(moveInGrid('a', { row: 2, col: 3 }, 7, 7)).toBeNull()
  })
})
