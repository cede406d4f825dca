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
  it('shows its own face out of the row strip, and a placeholder until the strip is there', () => {
    useFacesStore.setState({ summaries: new Map([[id, face]]) })
    const image = () => document.querySelector<HTMLElement>('[data-testid=face-image]')
    const { rerender } = render(<FaceTile id={id} stripUrl={null} stripIndex={2} stripLength={5} />)
    expect(image()?.dataset.ready).toBe('false')
    expect(image()?.style.backgroundImage).toBe('')
    expect(document.querySelector('[data-testid=face-tile]')?.getAttribute('data-label')).toBe(
      'happy',
    )
    rerender(<FaceTile id={id} stripUrl="/media/faces.png?ids=1" stripIndex={2} stripLength={5} />)
    expect(image()?.dataset.ready).toBe('true')
    expect(image()?.style.backgroundImage).toBe('url("/media/faces.png?ids=1")')
    // The third of five 96-pixel faces: the strip is drawn 480 wide, shifted two faces left.
    expect(image()?.style.backgroundSize).toBe('480px 96px')
    expect(image()?.style.backgroundPosition).toBe('-192px 0px')
  })
})
