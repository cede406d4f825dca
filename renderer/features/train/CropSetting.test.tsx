// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { RunId } from '../../../shared/domain'
import { DEFAULT_RECIPE, TrainingConfig } from '../../../shared/domain'
import { defaultDraft } from '../../stores/training/slices/draftSlice'
import { App } from '../../app/App'
import { useUiStore } from '../../stores/ui/uiStore'
import { installDomStubs } from '../../test/domStubs'
import { fakeDataset, fakeRun } from '../../test/fixtures'
import { callsOf, installTestBackend } from '../../test/installTestBackend'
import type { TestBackend } from '../../test/installTestBackend'

let backend: TestBackend | null = null
beforeAll(() => installDomStubs({ width: 1200, height: 700 }))
afterEach(() => {
  cleanup()
  backend?.disconnect()
})

const RUN = 5 as RunId

describe('Train screen settings', () => {
  it("opens on the default recipe, the contract's defaults, and trains on random crops when asked", async () => {
    expect(defaultDraft()).toEqual(TrainingConfig.parse({}))
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
      'training.start': async ({ config }) =>
        fakeRun({ id: RUN, status: 'queued', config: TrainingConfig.parse(config) }),
    })
    useUiStore.setState({ screen: 'train' })
    render(<App />)
    const user = userEvent.setup()
    await screen.findByTestId('preset-fast-cnn')
    // The form shows the recipe the CLI runs without flags.
    expect((screen.getByTestId('setting-epochs') as HTMLInputElement).value).toBe(
      String(DEFAULT_RECIPE.epochs),
    )
    expect((screen.getByTestId('setting-schedule') as HTMLSelectElement).value).toBe(
      DEFAULT_RECIPE.lrSchedule.kind,
    )
    expect((screen.getByTestId('setting-early-stopping') as HTMLInputElement).checked).toBe(false)
    expect((screen.getByTestId('setting-crop-on') as HTMLInputElement).checked).toBe(false)

    await user.click(screen.getByTestId('setting-crop-on'))
    await user.clear(screen.getByTestId('setting-crop'))
    await user.type(screen.getByTestId('setting-crop'), '40')
    await user.click(screen.getByTestId('train-start'))
    const [call] = callsOf(backend.transport, 'training.start') as Array<{ config: unknown }>
    expect(TrainingConfig.parse(call!.config)).toEqual({ ...TrainingConfig.parse({}), crop: 40 })
  })
})
