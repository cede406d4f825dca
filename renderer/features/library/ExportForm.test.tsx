// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { DatasetId } from '../../../shared/domain'
import { StudioFailure } from '../../../shared/transport/envelope'
import { App } from '../../app/App'
import { useUiStore } from '../../stores/ui/uiStore'
import { installDomStubs } from '../../test/domStubs'
import { fakeDataset } from '../../test/fixtures'
import { callsOf, installTestBackend } from '../../test/installTestBackend'
import type { TestBackend } from '../../test/installTestBackend'

let backend: TestBackend | null = null
beforeAll(() => installDomStubs())
afterEach(() => {
  cleanup()
  backend?.disconnect()
})

describe('Export form', () => {
  it('exports with the chosen format and path, showing progress from events until it ends', async () => {
    const dataset = fakeDataset({ id: 3 as DatasetId, name: 'fer2013' })
    let finish: (() => void) | null = null
    backend = installTestBackend({
      'datasets.list': async () => [dataset],
      'training.models': async () => [],
      'datasets.export': ({ path }) =>
        new Promise((resolve) => {
          finish = () => resolve({ path, faces: 12, excluded: 0 })
        }),
    })
    useUiStore.setState({ screen: 'library' })
    render(<App />)
    const user = userEvent.setup()
    await user.click(await screen.findByTestId('dataset-export'))
    await user.selectOptions(screen.getByTestId('export-format'), 'folder')
    await user.type(screen.getByTestId('export-path'), '/out/fer')
    await user.click(screen.getByTestId('export-start'))
    await waitFor(() =>
      expect(callsOf(backend!.transport, 'datasets.export')).toEqual([
        { datasetId: 3, format: 'folder', path: '/out/fer', overwrite: false },
      ]),
    )

    // Another dataset's progress is not this export's.
    act(() =>
      backend!.transport.emit('datasets.exportProgressed', {
        datasetId: 9 as DatasetId,
        done: 1,
        total: 2,
      }),
    )
    expect(screen.getByTestId('export-status').textContent).toContain('Starting')
    act(() =>
      backend!.transport.emit('datasets.exportProgressed', {
        datasetId: dataset.id,
        done: 5,
        total: 12,
      }),
    )
    const bar = screen.getByTestId('export-progress')
    expect(bar.getAttribute('aria-valuenow')).toBe('5')
    expect(bar.getAttribute('aria-valuemax')).toBe('12')
    expect(screen.getByTestId('export-status').textContent).toContain('5 of 12 faces')

    act(() => finish!())
    await waitFor(() => expect(screen.queryByTestId('export-status')).toBeNull())
    expect(await screen.findByText(/Exported 12 faces to \/out\/fer/)).toBeTruthy()
  })

  it('asks before replacing an existing CSV file, and replaces it only when told', async () => {
    const dataset = fakeDataset({ id: 4 as DatasetId, name: 'fer2013' })
    backend = installTestBackend({
      'datasets.list': async () => [dataset],
      'training.models': async () => [],
      'datasets.export': async ({ path, overwrite }) => {
        if (!overwrite) throw new StudioFailure('CONFLICT', `${path} already exists`)
        return { path, faces: 7, excluded: 0 }
      },
    })
    useUiStore.setState({ screen: 'library' })
    render(<App />)
    const user = userEvent.setup()
    await user.click(await screen.findByTestId('dataset-export'))
    await user.type(screen.getByTestId('export-path'), '/out/fer.csv')
    await user.click(screen.getByTestId('export-start'))
    const confirm = await screen.findByTestId('export-confirm')
    expect(confirm.textContent).toContain('/out/fer.csv already exists. Replace it?')
    expect(screen.queryByText(/Exported/)).toBeNull()
    // "Keep it" sends nothing more.
    await user.click(screen.getByText('Keep it'))
    expect(screen.queryByTestId('export-confirm')).toBeNull()
    expect(callsOf(backend.transport, 'datasets.export')).toHaveLength(1)

    await user.click(screen.getByTestId('export-start'))
    await user.click(await screen.findByTestId('export-replace'))
    expect(await screen.findByText(/Exported 7 faces to \/out\/fer\.csv/)).toBeTruthy()
    expect(callsOf(backend.transport, 'datasets.export')).toEqual([
      { datasetId: 4, format: 'fer2013-csv', path: '/out/fer.csv', overwrite: false },
      { datasetId: 4, format: 'fer2013-csv', path: '/out/fer.csv', overwrite: false },
      { datasetId: 4, format: 'fer2013-csv', path: '/out/fer.csv', overwrite: true },
    ])
  })
})
