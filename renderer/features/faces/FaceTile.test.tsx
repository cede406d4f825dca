// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'

import type { FaceId, FaceSummary } from '../../../shared/domain'
import { useFacesStore } from '../../stores/faces/facesStore'
import { FaceTile } from './FaceTile'

afterEach(cleanup)

const id = 7 as FaceId
const face = {
  id,
  label: 'happy',
  originalLabel: 'happy',
  hash: '0123456789abcdef0123',
  duplicateGroup: null,
  prediction: null,
} as unknown as FaceSummary

describe('FaceTile', () => {
  it('waits with its image while the grid is flung, and keeps it once shown', () => {
    useFacesStore.setState({ summaries: new Map([[id, face]]) })
    const image = () => document.querySelector('img') as HTMLImageElement
    const { rerender } = render(<FaceTile id={id} deferImage />)
    expect(image().hasAttribute('src')).toBe(false)
    expect(document.querySelector('[data-testid=face-tile]')?.getAttribute('data-label')).toBe(
      'happy',
    )
    rerender(<FaceTile id={id} deferImage={false} />)
    expect(image().getAttribute('src')).toMatch(/face\/7\.png\?v=0123456789abcdef/)
    rerender(<FaceTile id={id} deferImage />)
    expect(image().getAttribute('src')).toMatch(/face\/7\.png/)
  })
})
