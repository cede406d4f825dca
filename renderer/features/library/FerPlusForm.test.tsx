// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react'
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

describe('FER+ votes form', () => {
  it('attaches a votes file to a FER2013 CSV dataset and reports how many faces got votes', async () => {
    const dataset = fakeDataset({ id: 4 as DatasetId, name: 'fer2013', source: 'fer2013-csv' })
    backend = installTestBackend({
      'datasets.list': async () => [dataset],
      'training.models': async () => [],
      'datasets.attachFerPlus': async () => ({ attached: 30, withoutVotes: 2 }),
    })
    useUiStore.setState({ screen: 'library' })
    render(<App />)
    const user = userEvent.setup()
    await user.click(await screen.findByTestId('dataset-ferplus'))
    expect(screen.getByTestId('ferplus-attach')).toHaveProperty('disabled', true)
    await user.type(screen.getByTestId('ferplus-path'), '/data/fer2013new.csv')
    await user.click(screen.getByTestId('ferplus-attach'))
    await waitFor(() =>
      expect(callsOf(backend!.transport, 'datasets.attachFerPlus')).toEqual([
        { datasetId: 4, path: '/data/fer2013new.csv' },
      ]),
    )
    expect(
      await screen.findByText('FER+ votes attached to 30 faces (2 without votes)'),
    ).toBeTruthy()
    await waitFor(() => expect(screen.queryByTestId('ferplus-path')).toBeNull())
  })

  it('keeps the form open with the reason when the file does not fit', async () => {
    backend = installTestBackend({
      'datasets.list': async () => [fakeDataset({ source: 'fer2013-csv' })],
      'training.models': async () => [],
      'datasets.attachFerPlus': async () => {
        throw new StudioFailure('INVALID_INPUT', 'new.csv, row 7: the files are not row-aligned')
      },
    })
    useUiStore.setState({ screen: 'library' })
    render(<App />)
    const user = userEvent.setup()
    await user.click(await screen.findByTestId('dataset-ferplus'))
    await user.type(screen.getByTestId('ferplus-path'), 'new.csv')
    await user.click(screen.getByTestId('ferplus-attach'))
    expect(await screen.findByText(/row 7: the files are not row-aligned/)).toBeTruthy()
    expect(screen.getByTestId('ferplus-path')).toBeTruthy()
  })

  it('is not offered for datasets that are not FER2013 CSV imports', async () => {
    backend = installTestBackend({
      'datasets.list': async () => [fakeDataset({ source: 'folder' })],
      'training.models': async () => [],
    })
    useUiStore.setState({ screen: 'library' })
    render(<App />)
    await screen.findByTestId('dataset-export')
    expect(screen.queryByTestId('dataset-ferplus')).toBeNull()
  })
})
