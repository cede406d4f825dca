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

/** What the backend answers for a photo in these tests: a 10x10 image without faces. */
const NO_FACES = { width: 10, height: 10, cropSize: 48, faces: [], elapsedMs: 1 }

describe('Predict screen', () => {
  it("predicts photos with the run's recommended TTA, ten-crop only for crop runs, camera plain", async () => {
    const crops = fakeRun({
      id: 2 as RunId,
      name: 'crops',
      config: TrainingConfig.parse({ crop: 44 }),
    })
    const whole = fakeRun({ id: 1 as RunId, name: 'whole' })
    backend = installTestBackend({
      'training.listRuns': async () => [crops, whole],
      'predict.photo': async () => NO_FACES,
    })
    useUiStore.setState({ screen: 'predict' })
    render(<App />)
    const user = userEvent.setup()
    const picker = (await screen.findByTestId('predict-tta')) as HTMLSelectElement
    await waitFor(() => expect(usePredictStore.getState().runId).toBe(2))
    // It starts at the run's recommended mode, ten-crop for a crop run, which the backend picks.
    expect(picker.value).toBe('ten-crop')
    expect(picker.selectedOptions[0]!.textContent).toBe('ten-crop (recommended)')
    const file = () => photoFile('a.png')
    await usePredictStore.getState().addPhotos([file()])
    await user.selectOptions(picker, 'flip')
    await usePredictStore.getState().addPhotos([file()])
    await waitFor(() =>
      expect(callsOf(backend!.transport, 'predict.photo')).toEqual([
        { runId: 2, image: 'AQID' },
        { runId: 2, image: 'AQID', tta: 'flip' },
      ]),
    )
    // Camera frames stay plain whatever the picker says: they must keep up with the video.
    await usePredictStore.getState().predictFrame('AQID', 10, 10)
    expect(callsOf(backend!.transport, 'predict.photo')[2]).toEqual({
      runId: 2,
      image: 'AQID',
      tta: 'none',
    })
    await user.selectOptions(picker, 'ten-crop')

    await user.selectOptions(screen.getByTestId('predict-run'), '1')
    const tenCrop = within(screen.getByTestId('predict-tta')).getByRole('option', {
      name: /ten-crop/,
    }) as HTMLOptionElement
    await waitFor(() => expect(tenCrop.disabled).toBe(true))
    // The choice of ten-crop goes back to this run's recommended mode: flip.
    expect((screen.getByTestId('predict-tta') as HTMLSelectElement).value).toBe('flip')
    expect(usePredictStore.getState().tta).toBeNull()
  })

  it('a photo opened while the runs load waits for them; without a run it says so', async () => {
    usePredictStore.setState({ runs: [], runId: null, photos: [], selected: null, tta: null })
    let listed: (runs: ReturnType<typeof fakeRun>[]) => void = () => undefined
    backend = installTestBackend({
      'training.listRuns': () => new Promise((resolve) => (listed = resolve)),
      'predict.photo': async () => NO_FACES,
    })
    useUiStore.setState({ screen: 'predict' })
    render(<App />)
    await screen.findByTestId('predict-drop')
    const adding = usePredictStore.getState().addPhotos([photoFile('early.png')])
    expect(usePredictStore.getState().photos[0]!.status).toBe('analyzing')
    listed([fakeRun({ id: 3 as RunId })])
    await adding
    expect(callsOf(backend.transport, 'predict.photo')).toEqual([{ runId: 3, image: 'AQID' }])
    expect(usePredictStore.getState().photos[0]!.status).toBe('done')

    // No finished run at all: the photo fails with the reason instead of analysing forever.
    usePredictStore.setState({ runId: null })
    const reload = usePredictStore.getState().loadRuns()
    listed([])
    await reload
    await usePredictStore.getState().addPhotos([photoFile('none.png')])
    expect(usePredictStore.getState().photos[0]).toMatchObject({
      status: 'error',
      error: 'none.png: no trained model to predict with; train a run first (Train screen)',
    })
    expect(callsOf(backend.transport, 'predict.photo')).toHaveLength(1)
  })
})

/** jsdom's File has no arrayBuffer(); the photo's three bytes are 'AQID' in base64. */
function photoFile(name: string): File {
  return Object.assign(new File([new Uint8Array([1, 2, 3])], name), {
    arrayBuffer: async () => new Uint8Array([1, 2, 3]).buffer,
  })
}
