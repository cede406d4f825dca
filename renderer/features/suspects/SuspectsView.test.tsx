// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { Handlers } from '../../../shared/contract'
import type {
  DatasetId,
  Emotion,
  FaceId,
  Suspect,
  SuspectJobDetail,
  SuspectJobId,
} from '../../../shared/domain'
import { TrainingConfig } from '../../../shared/domain'
import { useDatasetsStore } from '../../stores/datasets/datasetsStore'
import { useSuspectsStore } from '../../stores/suspects/suspectsStore'
import { installDomStubs } from '../../test/domStubs'
import { callsOf, installTestBackend } from '../../test/installTestBackend'
import type { TestBackend } from '../../test/installTestBackend'
import { SuspectsView } from './SuspectsView'

let backend: TestBackend | null = null
beforeAll(() => installDomStubs())
afterEach(() => {
  cleanup()
  backend?.disconnect()
})

const suspect = (faceId: number, given: Emotion, suggested: Emotion, rank: number): Suspect => ({
  faceId: faceId as FaceId,
  rank,
  given,
  label: given,
  suggested,
  suggestedProbability: 0.8,
  score: 0.05 * rank,
  ferPlusMajority: suggested,
  ferPlusVotes: [1, 7, 0, 0, 2, 0, 0, 0, 0, 0],
  review: null,
})

const identity = Array.from({ length: 7 }, (_, r) =>
  Array.from({ length: 7 }, (_, c) => (r === c ? 5 : 0)),
)
const detail: SuspectJobDetail = {
  summary: {
    id: 1 as SuspectJobId,
    datasetId: 1 as DatasetId,
    status: 'completed',
    folds: 3,
    config: TrainingConfig.parse({}),
    ranking: 'selfConfidence',
    faces: 35,
    foldRuns: [null, null, null],
    foldsDone: 3,
    currentFold: null,
    suspects: 3,
    createdAt: 0,
    finishedAt: 1,
    elapsedMs: 1000,
    error: null,
  },
  noise: {
    thresholds: [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5],
    confidentJoint: identity,
    calibratedJoint: identity,
    noiseMatrix: identity,
    confusion: identity,
  },
  ferPlus: {
    facesWithMajority: 35,
    baseline: 0.1,
    precisionAt: [{ n: 100, considered: 3, precision: 2 / 3 }],
    suggestionMatchesMajority: 1,
    suspectsWithMajority: 3,
  },
}

/** A small in-memory suspects backend: three suspects, reviews remove them from the list. */
function suspectsBackend(): Partial<Handlers> {
  let list = [
    suspect(11, 'angry', 'happy', 1),
    suspect(12, 'sad', 'neutral', 2),
    suspect(13, 'fear', 'surprise', 3),
  ]
  let kept = 0
  let accepted = 0
  const counts = () => ({ suspects: 3, kept, accepted, remaining: list.length })
  return {
    'suspects.list': async () => ({ jobId: 1 as SuspectJobId, suspects: list, counts: counts() }),
    'suspects.getJob': async () => detail,
    'suspects.accept': async ({ faceIds }) => {
      const face = list.find((s) => s.faceId === faceIds[0]) as Suspect
      list = list.filter((s) => !faceIds.includes(s.faceId))
      accepted += faceIds.length
      return {
        changes: [{ faceId: face.faceId, label: face.suggested }],
        exclusions: [],
        canUndo: true,
        canRedo: false,
        counts: counts(),
      }
    },
    'suspects.keep': async ({ faceIds }) => {
      list = list.filter((s) => !faceIds.includes(s.faceId))
      kept += faceIds.length
      return { counts: counts() }
    },
  }
}

describe('SuspectsView', () => {
  it('shows suspects with given and suggested labels and FER+ votes; A accepts, K keeps', async () => {
    backend = installTestBackend(suspectsBackend())
    useDatasetsStore.setState({ currentId: 1 as DatasetId })
    useSuspectsStore.getState().setDataset(1 as DatasetId)
    useSuspectsStore.getState().setOpen(true)
    render(<SuspectsView />)
    await waitFor(() => expect(screen.getAllByTestId('suspect-tile')).toHaveLength(3))
    const first = screen.getAllByTestId('suspect-tile')[0] as HTMLElement
    expect(first.dataset.given).toBe('angry')
    expect(first.dataset.suggested).toBe('happy')
    expect(first.getAttribute('aria-selected')).toBe('true')
    expect(screen.getAllByTestId('ferplus-votes')[0]?.textContent).toContain('happiness 7')
    expect(screen.getByTestId('noise-matrix')).toBeTruthy()
    expect(screen.getByTestId('ferplus-check').textContent).toContain('66.7%')

    const user = userEvent.setup()
    await user.keyboard('a')
    await waitFor(() => expect(screen.getAllByTestId('suspect-tile')).toHaveLength(2))
    expect(callsOf(backend.transport, 'suspects.accept')).toEqual([{ faceIds: [11] }])
    expect(screen.getByTestId('suspects-accepted').textContent).toBe('1')

    await user.keyboard('{ArrowRight}')
    await user.keyboard('k')
    await waitFor(() => expect(screen.getAllByTestId('suspect-tile')).toHaveLength(1))
    expect(callsOf(backend.transport, 'suspects.keep')).toEqual([{ faceIds: [13] }])
    expect(screen.getByTestId('suspects-kept').textContent).toBe('1')
    expect(screen.getByTestId('suspects-remaining').textContent).toBe('1')
  })

  it('says how to get suspects when no job has finished', async () => {
    backend = installTestBackend({
      'suspects.list': async () => ({
        jobId: null,
        suspects: [],
        counts: { suspects: 0, kept: 0, accepted: 0, remaining: 0 },
      }),
    })
    useSuspectsStore.getState().setDataset(1 as DatasetId)
    useSuspectsStore.getState().setOpen(true)
    render(<SuspectsView />)
    await waitFor(() =>
      expect(screen.getByTestId('suspects-none').textContent).toContain('fer-studio suspects'),
    )
  })

  it("keeps the dataset switched to while the last one's job was still loading", async () => {
    let jobLoaded: (d: SuspectJobDetail) => void = () => undefined
    backend = installTestBackend({
      'suspects.list': async ({ datasetId }) =>
        datasetId === 1
          ? {
              jobId: 1 as SuspectJobId,
              suspects: [suspect(11, 'angry', 'happy', 1)],
              counts: { suspects: 1, kept: 0, accepted: 0, remaining: 1 },
            }
          : {
              jobId: null,
              suspects: [],
              counts: { suspects: 0, kept: 0, accepted: 0, remaining: 0 },
            },
      'suspects.getJob': () => new Promise((resolve) => (jobLoaded = resolve)),
    })
    const store = useSuspectsStore.getState()
    store.setDataset(1 as DatasetId)
    store.setOpen(true)
    await waitFor(() => expect(callsOf(backend!.transport, 'suspects.getJob')).toHaveLength(1))
    store.setDataset(2 as DatasetId)
    await waitFor(() => expect(useSuspectsStore.getState().status).toBe('ready'))
    jobLoaded(detail)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(useSuspectsStore.getState()).toMatchObject({
      datasetId: 2,
      jobId: null,
      detail: null,
      suspects: [],
    })
  })
})
