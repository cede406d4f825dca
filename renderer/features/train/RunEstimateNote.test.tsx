// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'

import type { EstimateAnswer } from '../../../shared/contract'
import type { DatasetId, RunEstimate } from '../../../shared/domain'
import { useTrainingStore } from '../../stores/training/trainingStore'
import { callsOf, installTestBackend } from '../../test/installTestBackend'
import type { TestBackend } from '../../test/installTestBackend'
import { RunEstimateNote } from './RunEstimateNote'

let backend: TestBackend | null = null
afterEach(() => {
  cleanup()
  backend?.disconnect()
})

const probed: RunEstimate = {
  ms: 90_000,
  basis: 'probe',
  from: null,
  probe: {
    model: 'fast-cnn',
    backend: 'onnxruntime',
    threads: 2,
    inputSize: 44,
    batchSize: 64,
    facesPerSecond: 150,
    inferenceFacesPerSecond: 900,
    durationMs: 3200,
    measuredAt: 0,
  },
  facesPerSecond: 150,
  epochs: 1,
  facesPerEpoch: 12_000,
  capped: false,
}

const note = () => screen.getByTestId('run-estimate')

describe('RunEstimateNote', () => {
  it("says it is measuring speed while a first run's probe runs, then the estimate and its probe", async () => {
    let finish: (answer: EstimateAnswer) => void = () => {}
    backend = installTestBackend({
      'training.estimate': async () => ({ kind: 'probeNeeded' }),
      'training.probeSpeed': () => new Promise<EstimateAnswer>((resolve) => (finish = resolve)),
    })
    useTrainingStore.setState({ datasetId: 1 as DatasetId })
    render(<RunEstimateNote />)
    await waitFor(() => expect(note().textContent).toMatch(/^Measuring speed…/))
    expect(note().dataset.state).toBe('measuring')
    finish({ kind: 'estimate', estimate: probed })
    await waitFor(() =>
      expect(note().textContent).toMatch(
        /^About 1 min 30 s: 1 epochs × 12,000 faces at 150 faces\/s, measured by a 3-second probe of fast-cnn on onnxruntime/,
      ),
    )
    expect(callsOf(backend.transport, 'training.probeSpeed')).toHaveLength(1)
  })

  it('waits for the current run instead of probing, and never probes when an estimate exists', async () => {
    backend = installTestBackend({ 'training.estimate': async () => ({ kind: 'afterCurrentRun' }) })
    useTrainingStore.setState({ datasetId: 1 as DatasetId })
    render(<RunEstimateNote />)
    await waitFor(() =>
      expect(note().textContent).toBe(
        'Estimate after the current run: measuring speed now would slow it.',
      ),
    )
    expect(callsOf(backend.transport, 'training.probeSpeed')).toHaveLength(0)
  })

  it('shows a failed probe as a short reason, not an error', async () => {
    backend = installTestBackend({
      'training.estimate': async () => ({ kind: 'probeNeeded' }),
      'training.probeSpeed': async () => ({
        kind: 'unavailable',
        reason: 'the speed probe failed (onnxruntime did not load)',
      }),
    })
    useTrainingStore.setState({ datasetId: 1 as DatasetId })
    render(<RunEstimateNote />)
    await waitFor(() =>
      expect(note().textContent).toBe(
        'No estimate: the speed probe failed (onnxruntime did not load).',
      ),
    )
    expect(screen.queryByRole('alert')).toBeNull()
    expect(screen.queryByRole('dialog')).toBeNull()
  })
})
