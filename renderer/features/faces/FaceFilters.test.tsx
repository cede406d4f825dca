// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import type { DatasetId } from '../../../shared/domain'
import { useDatasetsStore } from '../../stores/datasets/datasetsStore'
import { useFacesStore } from '../../stores/faces/facesStore'
import { useTrainingStore } from '../../stores/training/trainingStore'
import { fakeDataset, fakeRun } from '../../test/fixtures'
import { FaceFilters } from './FaceFilters'

const setFilter = vi.fn()
const initialFaces = useFacesStore.getState()

beforeEach(() => {
  setFilter.mockReset()
  useFacesStore.setState({ setFilter, filter: { labels: ['happy'], minConfidence: 0.2 } })
  useDatasetsStore.setState({
    datasets: [fakeDataset({ hasFerPlus: true })],
    currentId: 1 as DatasetId,
  })
  useTrainingStore.setState({ runs: [fakeRun()] })
})
afterEach(() => {
  cleanup()
  useFacesStore.setState(initialFaces, true)
})

describe('FaceFilters', () => {
  it('renders every filter with its test id', () => {
    render(<FaceFilters />)
    for (const prefix of ['filter-label', 'filter-ferplus', 'filter-predicted']) {
      expect(screen.getByTestId(`${prefix}-angry`).textContent).toBe('angry')
    }
    expect(screen.getByTestId('filter-label-happy').getAttribute('aria-pressed')).toBe('true')
    expect(screen.getByTestId('filter-split-train')).toBeTruthy()
    // The fake dataset has no test faces: no test chip.
    expect(screen.queryByTestId('filter-split-test')).toBeNull()
    expect(screen.getByLabelText('Minimum confidence')).toBe(
      screen.getByTestId('filter-min-confidence'),
    )
    expect(screen.getByLabelText('Maximum confidence')).toBe(
      screen.getByTestId('filter-max-confidence'),
    )
  })

  it('sends each change as a patch of its own field', () => {
    render(<FaceFilters />)
    fireEvent.click(screen.getByTestId('filter-label-happy'))
    fireEvent.click(screen.getByTestId('filter-label-sad'))
    fireEvent.click(screen.getByTestId('filter-ferplus-fear'))
    fireEvent.click(screen.getByTestId('filter-predicted-neutral'))
    fireEvent.click(screen.getByTestId('filter-split-validation'))
    fireEvent.click(screen.getByTestId('filter-duplicates'))
    fireEvent.click(screen.getByTestId('filter-relabeled'))
    fireEvent.click(screen.getByTestId('filter-disagrees'))
    fireEvent.change(screen.getByTestId('filter-exclusion'), { target: { value: 'excluded' } })
    expect(setFilter.mock.calls.map(([patch]: unknown[]) => patch)).toEqual([
      { labels: undefined },
      { labels: ['happy', 'sad'] },
      { ferPlusMajority: ['fear'] },
      { predicted: ['neutral'] },
      { splits: ['validation'] },
      { duplicatesOnly: true },
      { relabeledOnly: true },
      { disagreesOnly: true },
      { exclusion: 'excluded' },
    ])
  })

  it('keeps the confidence range ordered while sliding', () => {
    render(<FaceFilters />)
    const min = screen.getByTestId('filter-min-confidence') as HTMLInputElement
    const max = screen.getByTestId('filter-max-confidence') as HTMLInputElement
    fireEvent.change(max, { target: { value: '0.1' } })
    expect(max.value).toBe('0.2')
    fireEvent.change(min, { target: { value: '0.9' } })
    expect(min.value).toBe('0.2')
    fireEvent.change(min, { target: { value: '0.05' } })
    expect(min.value).toBe('0.05')
  })
})
