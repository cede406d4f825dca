// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'

import type { FaceId, FaceSummary } from '../../../shared/domain'
import { useFacesStore } from '../../stores/faces/facesStore'
import { FaceRow } from './FaceRow'

afterEach(cleanup)

const ids = [4, 5, 6, 7] as FaceId[]
const summary = (id: number): FaceSummary =>
  ({
    id,
    label: 'happy',
    originalLabel: 'happy',
    hash: `${id}`.repeat(16),
    duplicateGroup: null,
    prediction: null,
  }) as unknown as FaceSummary

const row = () => document.querySelector<HTMLElement>('[data-testid=face-row]')
const strip = () => decodeURIComponent(row()?.dataset.strip ?? '')

describe('FaceRow', () => {
  it('asks for its run of faces as one strip once every summary is known', () => {
    useFacesStore.setState({ summaries: new Map([5, 6].map((id) => [id as FaceId, summary(id)])) })
    const props = { ids, start: 1, length: 3, top: 0, left: 0, deferImage: false }
    const { rerender } = render(<FaceRow {...props} />)
    expect(strip()).toBe('')
    expect(row()?.querySelectorAll('[data-testid=face-tile]')).toHaveLength(3)
    useFacesStore.setState({
      summaries: new Map([5, 6, 7].map((id) => [id as FaceId, summary(id)])),
    })
    rerender(<FaceRow {...props} />)
    expect(strip()).toBe('/media/faces.png?ids=5,6,7&v=55555555,66666666,77777777')
  })

  it('waits with its strip while the grid is flung, and keeps it once shown', () => {
    useFacesStore.setState({ summaries: new Map(ids.map((id) => [id, summary(id)])) })
    const props = { ids, start: 0, length: 2, top: 0, left: 0 }
    const { rerender } = render(<FaceRow {...props} deferImage />)
    expect(strip()).toBe('')
    rerender(<FaceRow {...props} deferImage={false} />)
    expect(strip()).toBe('/media/faces.png?ids=4,5&v=44444444,55555555')
    rerender(<FaceRow {...props} deferImage />)
    expect(strip()).toBe('/media/faces.png?ids=4,5&v=44444444,55555555')
  })
})
