// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'

import type { FaceId, FaceSummary } from '../../../shared/domain'
import { useFacesStore } from '../../stores/faces/facesStore'
import { fakeFace } from '../../test/fixtures'
import { FaceDetail } from './FaceDetail'

afterEach(cleanup)

const id = 11 as FaceId

describe('FaceDetail', () => {
  it("states the model's probability of the label as it is now, also right after a relabel", () => {
    // Relabelled disgust -> sad in the studio: the stored prediction still carries the
    // probability of the label it was made against (disgust, 3%).
    const face = {
      id,
      label: 'sad',
      originalLabel: 'disgust',
      hash: '0123456789abcdef',
      split: 'validation',
      source: 'fer.csv:11',
      duplicateGroup: null,
      ferPlusVotes: null,
      prediction: {
        runId: 1,
        label: 'fear',
        confidence: 0.21,
        probabilities: [0.13, 0.03, 0.21, 0.18, 0.16, 0.13, 0.16],
        labelProbability: 0.03,
      },
    } as unknown as FaceSummary
    useFacesStore.setState({ summaries: new Map([[id, face]]), focusId: id })
    render(<FaceDetail />)
    expect(screen.getByText(/Bold: the current label/).textContent).toBe(
      'Bold: the current label (16%).',
    )
  })

  it('shows the exclusion beside the label, and exclusions in the history', () => {
    const face = fakeFace(11, { excluded: 'duplicate' })
    useFacesStore.setState({
      summaries: new Map([[id, face]]),
      focusId: id,
      detail: {
        faceId: id,
        status: 'ready',
        duplicates: [],
        history: [
          {
            id: 1,
            faceId: id,
            from: face.label,
            to: face.label,
            actor: 'ada',
            at: 0,
            batchId: 1,
            kind: 'set',
            source: 'manual',
            exclusion: { from: null, to: 'duplicate' },
          },
        ],
      },
    })
    render(<FaceDetail />)
    expect(screen.getByTestId('detail-exclusion').textContent).toBe(
      'excluded: duplicate of another',
    )
    expect(screen.getByTestId('history-exclusion').textContent).toBe(
      'included → excluded (duplicate)',
    )
  })
})
