// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { RunId } from '../../../shared/domain'
import { TrainingConfig } from '../../../shared/domain'
import { App } from '../../app/App'
import { useUiStore } from '../../stores/ui/uiStore'
import { installDomStubs } from '../../test/domStubs'
import { fakeBatch, fakeDataset, fakeRun } from '../../test/fixtures'
import { callsOf, installTestBackend } from '../../test/installTestBackend'
import type { TestBackend } from '../../test/installTestBackend'

let backend: TestBackend | null = null
beforeAll(() => installDomStubs({ width: 1200, height: 700 }))
afterEach(() => {
  cleanup()
  backend?.disconnect()
})

const RUN = 7 as RunId
const PRESET = {
  name: 'fast-cnn',
  description: 'Fast',
  params: 250_000,
  trainableParams: 249_000,
  flops: 3.8e7,
  inputSize: 48,
}

describe('Train screen: recipe', () => {
  it('starts a run with a budget, SGD, smoothing, FER+ targets and mixup, and shows the time left', async () => {
    const running = fakeRun({ id: RUN, status: 'running', epochsDone: 0, bestEpoch: null })
    backend = installTestBackend({
      'datasets.list': async () => [fakeDataset({ hasFerPlus: true })],
      'training.models': async () => [PRESET],
      'training.listRuns': async () => [],
      'training.start': async ({ config }) => ({
        ...running,
        config: TrainingConfig.parse(config),
      }),
    })
    useUiStore.setState({ screen: 'train' })
    render(<App />)
    const user = userEvent.setup()
    await screen.findByTestId('preset-fast-cnn')
    await user.type(screen.getByTestId('setting-budget'), '1h30m')
    await user.selectOptions(screen.getByTestId('setting-optimizer'), 'sgd')
    await user.clear(screen.getByTestId('setting-weight-decay'))
    await user.type(screen.getByTestId('setting-weight-decay'), '0.001')
    await user.clear(screen.getByTestId('setting-label-smoothing'))
    await user.type(screen.getByTestId('setting-label-smoothing'), '0.1')
    await user.selectOptions(screen.getByTestId('setting-targets'), 'ferplus')
    await user.click(screen.getByTestId('setting-drop-not-a-face'))
    await user.clear(screen.getByTestId('setting-mixup'))
    await user.type(screen.getByTestId('setting-mixup'), '0.2')
    await user.click(screen.getByTestId('train-start'))
    expect(callsOf(backend.transport, 'training.start')).toMatchObject([
      {
        config: {
          timeBudgetMs: 5_400_000,
          epochs: 1000,
          optimizer: { kind: 'sgd', momentum: 0.9, weightDecay: 0.001 },
          labelSmoothing: 0.1,
          targets: 'ferplus',
          dropNotAFace: true,
          mixup: 0.2,
        },
      },
    ])
    act(() =>
      backend!.transport.emit('training.batchEnded', {
        runId: RUN,
        logs: { ...fakeBatch(0, 0), elapsedMs: 1_800_000 },
      }),
    )
    // Live batches reach the screen at most a few times a second.
    await waitFor(() =>
      expect(screen.getByTestId('run-budget').textContent).toBe('1h30m · 1h left'),
    )
    expect(screen.getByTestId('run-epoch').textContent).not.toContain('/')
    // The runs table and the status bar name the budget, not the epoch bound (1000).
    expect(screen.getByText('0 in 1h30m')).toBeTruthy()
    const status = screen.getByTestId('status-training').textContent ?? ''
    expect(status).toContain('1h30m · 1h left')
    expect(status).not.toContain('/1000')
  })

  it('offers FER+ targets only on a dataset with votes', async () => {
    backend = installTestBackend({
      'datasets.list': async () => [fakeDataset({ hasFerPlus: false })],
      'training.models': async () => [PRESET],
      'training.listRuns': async () => [],
    })
    useUiStore.setState({ screen: 'train' })
    render(<App />)
    await screen.findByTestId('preset-fast-cnn')
    const targets = screen.getByTestId('setting-targets') as HTMLSelectElement
    expect(targets.disabled).toBe(true)
    expect(screen.queryByTestId('setting-drop-not-a-face')).toBeNull()
    expect(screen.queryByTestId('setting-momentum')).toBeNull()
  })
})
