// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { RunId } from '../../../shared/domain'
import { TrainingConfig } from '../../../shared/domain'
import { App } from '../../app/App'
import { usePredictStore } from '../../stores/predict/predictStore'
import { useUiStore } from '../../stores/ui/uiStore'
import { installDomStubs } from '../../test/domStubs'
import { fakeRun } from '../../test/fixtures'
import { callsOf, installTestBackend } from '../../test/installTestBackend'
import type { TestBackend } from '../../test/installTestBackend'

let backend: TestBackend | null = null
beforeAll(() => {
  installDomStubs({ width: 1200, height: 700 })
  URL.createObjectURL ??= () => 'blob:photo'
})
afterEach(() => {
  cleanup()
  backend?.disconnect()
})

describe('Predict screen', () => {
  it('predicts photos with ten-crop for a run trained on crops, and not for others', async () => {
    const crops = fakeRun({
      id: 2 as RunId,
      name: 'crops',
      config: TrainingConfig.parse({ crop: 44 }),
    })
    const whole = fakeRun({ id: 1 as RunId, name: 'whole' })
    backend = installTestBackend({
      'training.listRuns': async () => [crops, whole],
      'predict.photo': async () => ({
        width: 10,
        height: 10,
        cropSize: 48,
        faces: [],
        elapsedMs: 1,
      }),
    })
    useUiStore.setState({ screen: 'predict' })
    render(<App />)
    const user = userEvent.setup()
    const picker = await screen.findByTestId('predict-tta')
    await waitFor(() => expect(usePredictStore.getState().runId).toBe(2))
    await user.selectOptions(picker, 'ten-crop')
    // jsdom's File has no arrayBuffer(); the photo's three bytes are 'AQID' in base64.
    const file = Object.assign(new File([new Uint8Array([1, 2, 3])], 'a.png'), {
      arrayBuffer: async () => new Uint8Array([1, 2, 3]).buffer,
    })
    await usePredictStore.getState().addPhotos([file])
    await waitFor(() =>
      expect(callsOf(backend!.transport, 'predict.photo')).toEqual([
        { runId: 2, image: 'AQID', tta: 'ten-crop' },
      ]),
    )

    await user.selectOptions(screen.getByTestId('predict-run'), '1')
    const tenCrop = within(screen.getByTestId('predict-tta')).getByRole('option', {
      name: /ten-crop/,
    }) as HTMLOptionElement
    await waitFor(() => expect(tenCrop.disabled).toBe(true))
    expect((screen.getByTestId('predict-tta') as HTMLSelectElement).value).toBe('none')
  })
})
