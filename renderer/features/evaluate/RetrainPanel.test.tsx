// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { EvaluationResult, RunId } from '../../../shared/domain'
import { classificationReport } from '../../../shared/domain'
import { useEvaluationStore } from '../../stores/evaluation/evaluationStore'
import { installDomStubs } from '../../test/domStubs'
import { fakeConfusion, fakeRun } from '../../test/fixtures'
import { callsOf, installTestBackend } from '../../test/installTestBackend'
import type { TestBackend } from '../../test/installTestBackend'
import { RetrainPanel } from './RetrainPanel'

let backend: TestBackend | null = null
beforeAll(() => installDomStubs())
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
    loss: null,
    perClass: r.perClass.map((m) => ({ ...m })),
    macro: { precision: r.macro.precision, recall: r.macro.recall, f1: r.macro.f1 },
    weighted: { precision: r.weighted.precision, recall: r.weighted.recall, f1: r.weighted.f1 },
  }
}

describe('RetrainPanel', () => {
  it('retrains with the run recipe, compares the new run with it, and shows the change per class', async () => {
    const before = fakeConfusion(8, 2) // recall 8 / (8 + 6 * 2) = 40% per class
    const after = fakeConfusion(8, 2)
    after[0]![0] = 14 // angry: 14 / 26 recall
    const retrained = fakeRun({ id: 2 as RunId, name: 'run one · retrained', status: 'queued' })
    backend = installTestBackend({
      'training.retrain': async ({ runId }) => ({ run: retrained, basedOn: runId }),
      'evaluation.get': async ({ runId }) => evaluation(runId, runId === 2 ? after : before),
    })
    useEvaluationStore.getState().setRun(1 as RunId)
    render(<RetrainPanel runId={1 as RunId} />)
    await userEvent.setup().click(screen.getByTestId('retrain'))
    expect(callsOf(backend.transport, 'training.retrain')).toEqual([{ runId: 1 }])
    await waitFor(() => expect(useEvaluationStore.getState().runId).toBe(2))
    expect(useEvaluationStore.getState().compareRunId).toBe(1)

    cleanup()
    render(<RetrainPanel runId={2 as RunId} />)
    await useEvaluationStore.getState().loadEvaluation(2 as RunId, 'validation')
    await useEvaluationStore.getState().loadEvaluation(1 as RunId, 'validation')
    // Angry recall 40% -> 53.8%: +13.8 points; disgust unchanged.
    await waitFor(() =>
      expect(screen.getByTestId('class-delta-angry').textContent).toContain('+13.8'),
    )
    expect(screen.getByTestId('class-delta-disgust').textContent).toContain('±0')
  })
})
