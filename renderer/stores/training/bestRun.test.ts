import { describe, expect, it } from 'vitest'

import type { RunId } from '../../../shared/domain'
import { fakeRun } from '../../test/fixtures'
import { bestFinishedRunId } from './bestRun'

describe('bestFinishedRunId', () => {
  it('picks the completed run with the best validation accuracy, not the latest', () => {
    const run = (id: number, status: 'completed' | 'paused', best: number | null) =>
      fakeRun({ id: id as RunId, status, bestValAccuracy: best })
    expect(bestFinishedRunId([])).toBe(null)
    expect(bestFinishedRunId([run(1, 'paused', 0.9)])).toBe(null)
    expect(
      bestFinishedRunId([
        run(1, 'completed', 0.4),
        run(2, 'completed', 0.7),
        run(3, 'completed', 0.5),
      ]),
    ).toBe(2)
    expect(bestFinishedRunId([run(2, 'completed', 0.7), run(4, 'completed', 0.7)])).toBe(4)
    expect(bestFinishedRunId([run(5, 'completed', null), run(6, 'paused', 0.99)])).toBe(5)
  })
})
