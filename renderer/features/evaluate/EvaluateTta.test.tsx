// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { EvaluationResult, RunId } from '../../../shared/domain'
import { classificationReport, TrainingConfig } from '../../../shared/domain'
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
      tta,
    }),
  })
  useUiStore.setState({ screen: 'evaluate' })
  render(<App />)
}

describe('Evaluate screen test-time augmentation', () => {
  it('offers ten-crop for a run trained on random crops, and only then', async () => {
    start(44)
    const user = userEvent.setup()
    await screen.findByTestId('cm-cell-angry-happy')
    const tenCrop = () =>
      within(screen.getByTestId('eval-tta')).getByRole('option', {
        name: /ten-crop/,
      }) as HTMLOptionElement
    expect(tenCrop().disabled).toBe(false)
    await user.selectOptions(screen.getByTestId('eval-tta'), 'ten-crop')
    await user.click(screen.getByTestId('evaluate-run'))
    await waitFor(() =>
      expect(callsOf(backend!.transport, 'evaluation.run')).toEqual([
        { runId: 2, split: 'validation', tta: 'ten-crop' },
      ]),
    )
    expect((await screen.findAllByText(/, ten-crop TTA/)).length).toBeGreaterThan(0)

    // The older run saw whole faces: ten-crop is off, with the reason, and the choice falls back.
    await user.selectOptions(screen.getByTestId('eval-run'), '1')
    await waitFor(() => expect(tenCrop().disabled).toBe(true))
    expect(tenCrop().title).toMatch(/trained on random crops/)
    expect((screen.getByTestId('eval-tta') as HTMLSelectElement).value).toBe('none')
  })
})
