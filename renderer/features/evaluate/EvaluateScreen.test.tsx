// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { Handlers } from '../../../shared/contract'
import type { EvaluationResult, FaceId, RunId } from '../../../shared/domain'
import { classificationReport } from '../../../shared/domain'
import { App } from '../../app/App'
import { useUiStore } from '../../stores/ui/uiStore'
import { installDomStubs } from '../../test/domStubs'
import { fakeFaceHandlers } from '../../test/fakeFaceHandlers'
import { fakeConfusion, fakeEpoch, fakeRun } from '../../test/fixtures'
import { callsOf, installTestBackend } from '../../test/installTestBackend'
import type { TestBackend } from '../../test/installTestBackend'

let backend: TestBackend | null = null
beforeAll(() => installDomStubs({ width: 1200, height: 700 }))
afterEach(() => {
  cleanup()
  backend?.disconnect()
})

function evaluation(runId: RunId, confusion: number[][]): EvaluationResult {
  const r = classificationReport(confusion)
  return {
    runId,
    split: 'validation',
    tta: 'none',
    epoch: null,
    confusion,
    accuracy: r.accuracy,
    loss: 0.9,
    perClass: r.perClass.map((m) => ({ ...m })),
    macro: { precision: r.macro.precision, recall: r.macro.recall, f1: r.macro.f1 },
    weighted: { precision: r.weighted.precision, recall: r.weighted.recall, f1: r.weighted.f1 },
  }
}

function start(extra: Partial<Handlers> = {}) {
  const { handlers, faces } = fakeFaceHandlers(30)
  const newer = fakeRun({ id: 2 as RunId, name: 'newer' })
  const older = fakeRun({ id: 1 as RunId, name: 'older' })
  const matrix = fakeConfusion(10, 1)
  matrix[0]![3] = 3 // three angry faces predicted happy
  backend = installTestBackend({
    ...handlers,
    'training.listRuns': async () => [newer, older],
    'training.getRun': async ({ runId }) => ({
      summary: runId === 2 ? newer : older,
      epochs: [fakeEpoch(0), fakeEpoch(1), fakeEpoch(2)],
      batches: [],
    }),
    'evaluation.get': async ({ runId }) =>
      runId === 2 ? evaluation(runId, matrix) : evaluation(runId, fakeConfusion(8, 2)),
    'evaluation.cellFaces': async ({ truth, predicted }) =>
      truth === 'angry' && predicted === 'happy' ? ([7, 14, 21] as FaceId[]) : [],
    'evaluation.run': async ({ runId, split, tta }) => ({
      ...evaluation(runId, matrix),
      split,
      // The runs here trained on whole faces: the backend's recommended mode is flip.
      tta: tta ?? 'flip',
    }),
    ...extra,
  })
  useUiStore.setState({ screen: 'evaluate' })
  render(<App />)
  return faces
}

describe('Evaluate screen', () => {
  it('opens exactly the faces of a clicked cell in the grid, where they can be relabelled', async () => {
    const faces = start()
    const user = userEvent.setup()
    const cell = await screen.findByTestId('cm-cell-angry-happy')
    expect(cell.dataset.count).toBe('3')
    const queriesBefore = callsOf(backend!.transport, 'faces.query').length
    await user.click(within(cell).getByRole('button'))

    await screen.findByTestId('explicit-banner')
    // The cell's faces come with the run's predictions, without a query of every face first.
    expect(callsOf(backend!.transport, 'faces.query')).toHaveLength(queriesBefore)
    expect(callsOf(backend!.transport, 'evaluation.cellFaces')).toEqual([
      { runId: 2, split: 'validation', truth: 'angry', predicted: 'happy' },
    ])
    await waitFor(() =>
      expect(
        [...document.querySelectorAll<HTMLElement>('[data-testid=face-tile]')].map(
          (t) => t.dataset.faceId,
        ),
      ).toEqual(['7', '14', '21']),
    )
    expect(screen.getByTestId('face-count').textContent).toBe('3')

    // Relabel them in place: select all shown, press 4 (happy).
    await user.click(screen.getByTestId('select-all'))
    await user.keyboard('4')
    await waitFor(() =>
      expect([7, 14, 21].map((id) => faces.get(id)?.label)).toEqual(['happy', 'happy', 'happy']),
    )
    expect(document.querySelectorAll('[data-testid=face-tile]')).toHaveLength(3)
  })

  it('scrubs through the epochs and shows the change against another run', async () => {
    start()
    const user = userEvent.setup()
    await screen.findByTestId('cm-cell-angry-happy')
    const slider = screen.getByTestId('epoch-slider') as HTMLInputElement
    expect(slider.max).toBe('3')
    expect(screen.getByTestId('epoch-label').textContent).toBe('final')

    fireEvent.change(slider, { target: { value: '0' } })
    await waitFor(() => expect(screen.getByTestId('epoch-label').textContent).toBe('epoch 1 / 3'))
    expect(screen.getByTestId('cm-cell-angry-angry').dataset.count).toBe('5')
    expect(within(screen.getByTestId('cm-cell-angry-happy')).queryByRole('button')).toBeNull()

    fireEvent.change(slider, { target: { value: '3' } })
    await waitFor(() => expect(screen.getByTestId('epoch-label').textContent).toBe('final'))

    // The run trained before is the comparison by default: what retraining changed, per cell.
    expect((screen.getByTestId('eval-compare') as HTMLSelectElement).value).toBe('1')
    await waitFor(() => expect(screen.getByTestId('cm-delta-angry-angry').textContent).toBe('+2'))
    expect(screen.getByTestId('cm-delta-angry-angry').className).toContain('better')
    expect(screen.getByTestId('cm-delta-angry-sad').textContent).toBe('−1')
    expect(screen.getByTestId('cm-delta-angry-sad').className).toContain('better')
    expect(screen.getByTestId('cm-delta-angry-happy').textContent).toBe('+1')
    expect(screen.getByTestId('cm-delta-angry-happy').className).toContain('worse')

    await user.selectOptions(screen.getByTestId('eval-compare'), 'no other run')
    await waitFor(() => expect(screen.queryByTestId('cm-delta-angry-angry')).toBeNull())
  })

  it('says how many faces changed since the evaluation and re-evaluates', async () => {
    start({ 'evaluation.changes': async () => ({ changedFaces: 3 }) })
    const user = userEvent.setup()
    await screen.findByTestId('cm-cell-angry-happy')
    const notice = await screen.findByTestId('evaluation-stale')
    expect(notice.textContent).toMatch(/^3 faces changed since this evaluation/)
    await user.click(screen.getByTestId('evaluation-stale-rerun'))
    await waitFor(() => expect(screen.queryByTestId('evaluation-stale')).toBeNull())
    expect(callsOf(backend!.transport, 'evaluation.run')).toHaveLength(1)
  })

  it("evaluates with the run's recommended flip unless asked otherwise, and says so", async () => {
    start()
    const user = userEvent.setup()
    await screen.findByTestId('cm-cell-angry-happy')
    expect((screen.getByTestId('eval-tta') as HTMLSelectElement).value).toBe('flip')
    await user.click(screen.getByTestId('evaluate-run'))
    await waitFor(() =>
      expect(callsOf(backend!.transport, 'evaluation.run')).toEqual([
        { runId: 2, split: 'validation' },
      ]),
    )
    expect((await screen.findAllByText(/, flip TTA/)).length).toBeGreaterThan(0)
    await user.selectOptions(screen.getByTestId('eval-tta'), 'none')
    await user.click(screen.getByTestId('evaluate-run'))
    await waitFor(() =>
      expect(callsOf(backend!.transport, 'evaluation.run')[1]).toEqual({
        runId: 2,
        split: 'validation',
        tta: 'none',
      }),
    )
  })
})
