// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'

import { fakeDataset } from '../test/fixtures'
import { ExcludedNote } from './ExcludedNote'

afterEach(cleanup)

describe('ExcludedNote', () => {
  it('says how many excluded faces are left out, and nothing when none is', () => {
    const excluded = { total: 3, notAFace: 2, duplicate: 1, other: 0 }
    render(<ExcludedNote dataset={fakeDataset({ excluded })} from="training" />)
    expect(screen.getByTestId('excluded-note').textContent).toBe(
      '3 excluded faces are left out of training.',
    )
    cleanup()
    render(<ExcludedNote dataset={fakeDataset()} from="training" />)
    expect(screen.queryByTestId('excluded-note')).toBeNull()
  })
})
