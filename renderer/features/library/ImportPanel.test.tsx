// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { DatasetId, ImportJobId, ImportReport } from '../../../shared/domain'
import { StudioFailure } from '../../../shared/transport/envelope'
import { App } from '../../app/App'
import { useFacesStore } from '../../stores/faces/facesStore'
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

const JOB = 'job-1' as ImportJobId

function report(): ImportReport {
  const dataset = fakeDataset({ id: 2 as DatasetId, name: 'fer2013' })
  return {
    datasetId: dataset.id,
    name: 'fer2013',
    format: 'fer2013-csv',
    imported: 11,
    rejected: 1,
    rejectedReportPath: '/data/reports/fer2013-rejected.csv',
    rejectedSample: [
      { file: 'fer2013.csv', row: 7, reason: 'row has 2,303 pixels, expected 2,304' },
    ],
    counts: dataset.counts,
    duplicates: {
      groups: 2,
      facesInGroups: 4,
      crossSplitGroups: 1,
      conflictingGroups: 1,
      blankFaces: 1,
    },
    durationMs: 1200,
  }
}

function start(handlers: Parameters<typeof installTestBackend>[0] = {}) {
  backend = installTestBackend({
    'datasets.list': async () => [],
    'training.models': async () => [],
    'datasets.detectFormat': async ({ path }) => {
      if (!path.endsWith('.csv'))
        throw new StudioFailure('INVALID_INPUT', `${path}: not a CSV file or a folder`)
      return { format: 'fer2013-csv', description: 'FER2013 CSV: emotion,pixels,Usage' }
    },
    'datasets.import': async () => ({ jobId: JOB }),
    ...handlers,
  })
  useUiStore.setState({ screen: 'library' })
  render(<App />)
}

describe('Import flow', () => {
  it('offers the demo on first start', async () => {
    let created = false
    start({
      'datasets.createDemo': async () => {
        created = true
        return fakeDataset({ name: 'Demo faces' })
      },
    })
    const user = userEvent.setup()
    await screen.findByTestId('library-empty')
    await user.click(screen.getByTestId('create-demo'))
    await waitFor(() => expect(screen.getAllByTestId('dataset-row')).toHaveLength(1))
    expect(created).toBe(true)
  })

  it('detects the format, shows progress from events, then the report', async () => {
    start()
    const user = userEvent.setup()
    await user.click(await screen.findByTestId('import-open'))
    await user.type(screen.getByTestId('import-path'), '/data/not-a-dataset.txt')
    await waitFor(() =>
      expect(screen.getByTestId('import-detected-format').textContent).toContain('not a CSV'),
    )
    expect((screen.getByTestId('import-start') as HTMLButtonElement).disabled).toBe(true)

    await user.clear(screen.getByTestId('import-path'))
    await user.type(screen.getByTestId('import-path'), '/data/fer2013.csv')
    await waitFor(() =>
      expect(screen.getByTestId('import-detected-format').textContent).toContain('fer2013-csv'),
    )
    expect((screen.getByTestId('import-name') as HTMLInputElement).value).toBe('fer2013')
    await user.click(screen.getByTestId('import-skip-bad'))
    await user.click(screen.getByTestId('import-start'))
    expect(callsOf(backend!.transport, 'datasets.import')).toEqual([
      { path: '/data/fer2013.csv', name: 'fer2013', skipBad: true, format: 'fer2013-csv' },
    ])

    const progress = await screen.findByTestId('import-progress')
    // While a CSV is read its total is unknown: the bar follows the share of the file read and
    // no estimated total is shown (it would jump as the estimate improves).
    act(() =>
      backend!.transport.emit('datasets.importProgressed', {
        jobId: JOB,
        phase: 'reading',
        done: 2,
        total: null,
        fraction: 0.25,
      }),
    )
    expect(progress.getAttribute('aria-valuenow')).toBe('0.25')
    expect(screen.getByTestId('import-phase').textContent).toBe(
      'Reading — 2 faces · 25% of the file',
    )
    act(() =>
      backend!.transport.emit('datasets.importProgressed', {
        jobId: JOB,
        phase: 'reading',
        done: 3,
        total: 12,
        fraction: null,
      }),
    )
    expect(progress.getAttribute('aria-valuenow')).toBe('3')
    expect(progress.getAttribute('aria-valuemax')).toBe('12')
    act(() =>
      backend!.transport.emit('datasets.importProgressed', {
        jobId: JOB,
        phase: 'hashing',
        done: 12,
        total: 12,
        fraction: null,
      }),
    )
    expect(screen.getByTestId('import-phase').textContent).toContain('Finding duplicates')

    act(() => backend!.transport.emit('datasets.importFinished', { jobId: JOB, report: report() }))
    const shown = await screen.findByTestId('import-report')
    expect(shown.querySelector('[data-testid=report-imported]')?.textContent).toContain('11')
    expect(shown.querySelector('[data-testid=report-leakage]')?.textContent).toContain('1')
    expect(screen.getByTestId('report-rejected-rows').textContent).toContain('2,303 pixels')

    // A finding of the report opens exactly its faces in the grid.
    await user.click(screen.getByTestId('report-leakage'))
    expect(useUiStore.getState().screen).toBe('faces')
    expect(useFacesStore.getState().filter).toEqual({ finding: 'leakage' })
  })

  it('shows why an import failed', async () => {
    start()
    const user = userEvent.setup()
    await user.click(await screen.findByTestId('import-open'))
    await user.type(screen.getByTestId('import-path'), '/data/broken.csv')
    await waitFor(() =>
      expect((screen.getByTestId('import-start') as HTMLButtonElement).disabled).toBe(false),
    )
    await user.click(screen.getByTestId('import-start'))
    await screen.findByTestId('import-progress')
    act(() =>
      backend!.transport.emit('datasets.importFailed', {
        jobId: JOB,
        error: { code: 'INVALID_INPUT', message: 'broken.csv row 4: label 9 is outside 0..6' },
      }),
    )
    expect((await screen.findByTestId('import-error')).textContent).toContain('row 4: label 9')
  })

  it('cancels an import from its progress view and says nothing was stored', async () => {
    start({
      'datasets.cancelImport': async ({ jobId }) => {
        // The backend answers at once; the job's end arrives as its own event.
        setTimeout(() =>
          backend!.transport.emit('datasets.importFailed', {
            jobId,
            error: {
              code: 'CANCELLED',
              message: "Import of 'fer2013' cancelled; nothing was stored",
            },
          }),
        )
        return {}
      },
    })
    const user = userEvent.setup()
    await user.click(await screen.findByTestId('import-open'))
    await user.type(screen.getByTestId('import-path'), '/data/fer2013.csv')
    await waitFor(() =>
      expect((screen.getByTestId('import-start') as HTMLButtonElement).disabled).toBe(false),
    )
    await user.click(screen.getByTestId('import-start'))
    await user.click(await screen.findByTestId('import-cancel'))
    expect(callsOf(backend!.transport, 'datasets.cancelImport')).toEqual([{ jobId: JOB }])
    expect((await screen.findByTestId('import-ended')).textContent).toBe('Import cancelled')
    expect(screen.getByTestId('import-error').textContent).toContain('nothing was stored')
  })
})
