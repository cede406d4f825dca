// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { RunId } from '../../../shared/domain'
import { App } from '../../app/App'
import { useUiStore } from '../../stores/ui/uiStore'
import { installDomStubs } from '../../test/domStubs'
import { fakeBatch, fakeDataset, fakeEpoch, fakeRun } from '../../test/fixtures'
import { callsOf, installTestBackend } from '../../test/installTestBackend'
import type { TestBackend } from '../../test/installTestBackend'

let backend: TestBackend | null = null
beforeAll(() => installDomStubs({ width: 1200, height: 700 }))
afterEach(() => {
  cleanup()
  backend?.disconnect()
})

const RUN = 5 as RunId

describe('Train screen', () => {
  it('starts a run with the settings and draws live points from the events', async () => {
    const running = fakeRun({
      id: RUN,
      name: 'live',
      status: 'running',
      epochsDone: 0,
      bestEpoch: null,
      bestValAccuracy: null,
    })
    backend = installTestBackend({
      'datasets.list': async () => [fakeDataset()],
      'training.models': async () => [
        {
          name: 'fast-cnn',
          description: 'Fast',
          params: 250_000,
          trainableParams: 249_000,
          flops: 3.8e7,
          inputSize: 48,
        },
      ],
      'training.listRuns': async () => [],
      'training.start': async ({ config }) => ({ ...running, config }),
    })
    useUiStore.setState({ screen: 'train' })
    render(<App />)
    const user = userEvent.setup()
    await screen.findByTestId('runs-empty')
    await screen.findByTestId('preset-fast-cnn')
    await user.clear(screen.getByTestId('setting-epochs'))
    await user.type(screen.getByTestId('setting-epochs'), '3')
    await user.click(screen.getByTestId('train-start'))
    expect(callsOf(backend.transport, 'training.start')).toMatchObject([
      { datasetId: 1, config: { model: 'fast-cnn', epochs: 3, batchSize: 64 } },
    ])

    const loss = await screen.findByTestId('chart-loss')
    expect(loss.dataset.points).toBe('0')
    // Before its first batch the run says what it is doing.
    expect(screen.getByTestId('run-loading').textContent).toMatch(
      /Loading 10 faces to train on and 2 to validate with/,
    )
    act(() => {
      for (let b = 0; b < 4; b++)
        backend!.transport.emit('training.batchEnded', { runId: RUN, logs: fakeBatch(0, b) })
    })
    // Four batch points (drawn together, a moment later); epoch series still empty.
    await waitFor(() => expect(screen.getByTestId('chart-loss').dataset.points).toBe('4'))
    expect(screen.getByTestId('chart-accuracy').dataset.points).toBe('4')
    expect(screen.queryByTestId('run-loading')).toBeNull()
    act(() => backend!.transport.emit('training.epochEnded', { runId: RUN, record: fakeEpoch(0) }))
    // Plus one train and one validation epoch point.
    await waitFor(() => expect(screen.getByTestId('chart-loss').dataset.points).toBe('6'))
    expect(screen.getByTestId('run-epoch').textContent).toContain('1 / 3')
    expect(screen.getByTestId('run-speed').textContent).toBe('100 faces/s')
    expect(screen.getByTestId('status-training').textContent).toContain('live')

    act(() =>
      backend!.transport.emit('training.statusChanged', {
        runId: RUN,
        status: 'completed',
        summary: { ...running, status: 'completed', epochsDone: 3 },
      }),
    )
    await waitFor(() => expect(screen.getByTestId('run-status').dataset.status).toBe('completed'))
    expect(screen.queryByTestId('status-training')).toBeNull()
  })

  it('estimates the run before it starts, from what an earlier run measured, and says so', async () => {
    backend = installTestBackend({
      'datasets.list': async () => [fakeDataset()],
      'training.listRuns': async () => [],
      'training.estimate': async ({ config }) =>
        config.epochs === 3
          ? {
              kind: 'estimate' as const,
              estimate: {
                ms: 125_000,
                basis: 'measured' as const,
                from: {
                  runId: 2 as RunId,
                  runName: 'fast-cnn #2',
                  model: 'fast-cnn',
                  backend: 'onnxruntime',
                  facesPerSecond: 250,
                  overhead: 1.1,
                },
                facesPerSecond: 250,
                epochs: 3,
                facesPerEpoch: 10_000,
                capped: false,
                probe: null,
              },
            }
          : { kind: 'afterCurrentRun' as const },
    })
    useUiStore.setState({ screen: 'train' })
    render(<App />)
    const user = userEvent.setup()
    await waitFor(() =>
      expect(screen.getByTestId('run-estimate').textContent).toMatch(
        /^Estimate after the current run/,
      ),
    )
    await user.clear(screen.getByTestId('setting-epochs'))
    await user.type(screen.getByTestId('setting-epochs'), '3')
    await waitFor(() =>
      expect(screen.getByTestId('run-estimate').textContent).toBe(
        'About 2 min 05 s: 3 epochs × 10,000 faces at 250 faces/s, as measured in “fast-cnn #2” on onnxruntime.',
      ),
    )
  })
})
