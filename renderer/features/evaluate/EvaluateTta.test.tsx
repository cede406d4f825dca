// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { EvaluationResult, RunId } from '../../../shared/domain'
import { classificationReport, recommendedTta, TrainingConfig } from '../../../shared/domain'
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

/** Two runs: 'newer' (id 2) trained on `newerCrop`-px crops, 'older' (id 1) on whole faces. */
function start(newerCrop: number | null) {
  const { handlers } = fakeFaceHandlers(30)
  const newer = fakeRun({
    id: 2 as RunId,
    name: 'newer',
    config: TrainingConfig.parse({ epochs: 3, crop: newerCrop }),
  })
  const older = fakeRun({ id: 1 as RunId, name: 'older' })
  const matrix = fakeConfusion(10, 1)
  matrix[0]![3] = 3
  backend = installTestBackend({
    ...handlers,
    'training.listRuns': async () => [newer, older],
    'training.getRun': async ({ runId }) => ({
      summary: runId === 2 ? newer : older,
      epochs: [fakeEpoch(0), fakeEpoch(1), fakeEpoch(2)],
      batches: [],
    }),
    'evaluation.get': async ({ runId }) => evaluation(runId, matrix),
    'evaluation.cellFaces': async () => [],
    'evaluation.run': async ({ runId, split, tta }) => ({
      ...evaluation(runId, matrix),
      split,
      tta: tta ?? recommendedTta((runId === 2 ? newer : older).config),
    }),
  })
  useUiStore.setState({ screen: 'evaluate' })
  render(<App />)
}

describe('Evaluate screen test-time augmentation', () => {
  it("starts at the run's recommended mode, and offers ten-crop only for crop runs", async () => {
    start(44)
    const user = userEvent.setup()
    await screen.findByTestId('cm-cell-angry-happy')
    const picker = () => screen.getByTestId('eval-tta') as HTMLSelectElement
    const tenCrop = () =>
      within(picker()).getByRole('option', { name: /ten-crop/ }) as HTMLOptionElement
    expect(tenCrop().disabled).toBe(false)
    // A crop run starts at ten-crop, marked recommended; the backend applies it when asked none.
    expect(picker().value).toBe('ten-crop')
    expect(tenCrop().textContent).toBe('ten-crop (recommended)')
    await user.click(screen.getByTestId('evaluate-run'))
    await waitFor(() =>
      expect(callsOf(backend!.transport, 'evaluation.run')).toEqual([
        { runId: 2, split: 'validation' },
      ]),
    )
    expect((await screen.findAllByText(/, ten-crop TTA/)).length).toBeGreaterThan(0)
    await user.selectOptions(picker(), 'none')
    await user.click(screen.getByTestId('evaluate-run'))
    await waitFor(() =>
      expect(callsOf(backend!.transport, 'evaluation.run')[1]).toEqual({
        runId: 2,
        split: 'validation',
        tta: 'none',
      }),
    )
    await user.selectOptions(picker(), 'ten-crop')

    // The older run saw whole faces: ten-crop is off, with the reason, and the choice goes back
    // to that run's recommended mode, flip.
    await user.selectOptions(screen.getByTestId('eval-run'), '1')
    await waitFor(() => expect(tenCrop().disabled).toBe(true))
    expect(tenCrop().title).toMatch(/trained on random crops/)
    expect(picker().value).toBe('flip')
    expect(picker().selectedOptions[0]!.textContent).toBe('flip (recommended)')
  })
})
