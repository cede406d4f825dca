// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { FindingsBadges } from './FindingsBadges'

afterEach(cleanup)

const CLEAN = {
  groups: 0,
  facesInGroups: 0,
  crossSplitGroups: 0,
  conflictingGroups: 0,
  blankFaces: 0,
}

describe('FindingsBadges', () => {
  it('shows each non-zero finding with its count, tone and explanation', () => {
    render(
      <FindingsBadges
        duplicates={{
          groups: 1271,
          facesInGroups: 2801,
          crossSplitGroups: 270,
          conflictingGroups: 47,
          blankFaces: 12,
        }}
        hasFerPlus
      />,
    )
    const duplicates = screen.getByTestId('badge-duplicates')
    expect(duplicates.className).toBe('badge warn')
    expect(duplicates.title).toBe('2,801 faces in 1,271 groups of pixel-identical faces')
    expect(duplicates.textContent).toBe('1,271 duplicate groups')
    expect(screen.getByTestId('badge-leakage').textContent).toBe('270 leak across splits')
    expect(screen.getByTestId('badge-conflicts').className).toBe('badge danger')
    expect(screen.getByTestId('badge-blank').textContent).toBe('12 blank')
    expect(screen.getByText('FER+ votes')).toBeTruthy()
    expect(screen.queryByText('no duplicates')).toBeNull()
  })

  it('opens a finding when its badge is clicked', () => {
    const onOpen = vi.fn()
    render(
      <FindingsBadges
        duplicates={{ ...CLEAN, groups: 3, facesInGroups: 6, crossSplitGroups: 2, blankFaces: 1 }}
        hasFerPlus={false}
        onOpen={onOpen}
      />,
    )
    fireEvent.click(screen.getByTestId('badge-leakage'))
    fireEvent.click(screen.getByTestId('badge-blank'))
    expect(onOpen.mock.calls).toEqual([['leakage'], ['blank']])
    expect(screen.getByTestId('badge-duplicates').tagName).toBe('BUTTON')
  })

  it('shows only "no duplicates" when clean', () => {
    const { container } = render(<FindingsBadges duplicates={CLEAN} hasFerPlus={false} />)
    expect(container.textContent).toBe('no duplicates')
  })
})
