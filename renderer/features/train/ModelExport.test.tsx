// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { RunId } from '../../../shared/domain'
import { StudioFailure } from '../../../shared/transport/envelope'
import { useUiStore } from '../../stores/ui/uiStore'
import { installDomStubs } from '../../test/domStubs'
import { callsOf, installTestBackend } from '../../test/installTestBackend'
import type { TestBackend } from '../../test/installTestBackend'
import { ModelExport } from './ModelExport'

let backend: TestBackend | null = null
beforeAll(() => installDomStubs({ width: 1200, height: 700 }))
afterEach(() => {
  cleanup()
  backend?.disconnect()
  useUiStore.setState({ toasts: [] })
})

const RUN = 7 as RunId

describe('ModelExport', () => {
  it('exports the run as ONNX to the typed folder and says where', async () => {
    backend = installTestBackend({
      'training.exportModel': async ({ outDir }) => ({ dir: outDir, files: ['model.onnx'] }),
    })
    render(<ModelExport runId={RUN} />)
    const user = userEvent.setup()
    await user.click(screen.getByTestId('model-export-open'))
    expect(screen.getByTestId('model-export-start')).toHaveProperty('disabled', true)
    expect(screen.getByTestId('model-export-format')).toHaveProperty('value', 'onnx')
    await user.type(screen.getByTestId('model-export-path'), '/tmp/models ')
    await user.click(screen.getByTestId('model-export-start'))
    await waitFor(() => expect(screen.queryByTestId('model-export')).toBeNull())
    expect(callsOf(backend.transport, 'training.exportModel')).toEqual([
      { runId: RUN, format: 'onnx', outDir: '/tmp/models' },
    ])
    expect(useUiStore.getState().toasts.at(-1)).toMatchObject({
      kind: 'success',
      message: 'Exported to /tmp/models: model.onnx',
    })
  })

  it('keeps the form open with the error when the export is refused', async () => {
    backend = installTestBackend({
      'training.exportModel': async () => {
        throw new StudioFailure('CONFLICT', '/tmp/m already holds a model.json')
      },
    })
    render(<ModelExport runId={RUN} />)
    const user = userEvent.setup()
    await user.click(screen.getByTestId('model-export-open'))
    await user.selectOptions(screen.getByTestId('model-export-format'), 'tfjs')
    await user.type(screen.getByTestId('model-export-path'), '/tmp/m')
    await user.click(screen.getByTestId('model-export-start'))
    await waitFor(() =>
      expect(useUiStore.getState().toasts.at(-1)).toMatchObject({
        kind: 'error',
        message: expect.stringMatching(/already holds a model.json/),
      }),
    )
    expect(screen.getByTestId('model-export')).toBeTruthy()
    expect(callsOf(backend.transport, 'training.exportModel')).toEqual([
      { runId: RUN, format: 'tfjs', outDir: '/tmp/m' },
    ])
  })
})
