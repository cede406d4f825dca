// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { Handlers } from '../../../shared/contract'
import type { FaceId, SortBasis } from '../../../shared/domain'
import { App } from '../../app/App'
import { useDatasetsStore } from '../../stores/datasets/datasetsStore'
import { useFacesStore } from '../../stores/faces/facesStore'
import { useUiStore } from '../../stores/ui/uiStore'
import { installDomStubs } from '../../test/domStubs'
import { fakeFaceHandlers } from '../../test/fakeFaceHandlers'
import { fakeDataset } from '../../test/fixtures'
import { callsOf, installTestBackend } from '../../test/installTestBackend'
import type { TestBackend } from '../../test/installTestBackend'

let backend: TestBackend | null = null
beforeAll(() => installDomStubs())
afterEach(() => {
  cleanup()
  backend?.disconnect()
})

/** 100 faces; the leakage finding is faces 1..80, and its plan excludes faces 1..60. */
const LEAKING = Array.from({ length: 80 }, (_, i) => i + 1)
const PLAN = LEAKING.filter((id) => id <= 60)

async function openLibrary(sortBasis: SortBasis = 'id') {
  const fake = fakeFaceHandlers(100)
  const handlers: Partial<Handlers> = {
    ...fake.handlers,
    'datasets.list': async () => [
      fakeDataset({
        faceCount: 100,
        duplicates: {
          groups: 40,
          facesInGroups: 80,
          crossSplitGroups: 40,
          conflictingGroups: 0,
          blankFaces: 0,
        },
      }),
    ],
    'faces.query': async ({ filter }) => {
      const ids = (filter.finding === 'leakage' ? LEAKING : [...fake.faces.keys()]) as FaceId[]
      return { ids, total: ids.length, sortBasis }
    },
    'faces.planFinding': async ({ finding }) => ({
      finding,
      faceIds: PLAN as FaceId[],
      reason: 'duplicate',
      groups: 40,
    }),
  }
  backend = installTestBackend(handlers)
  useUiStore.setState({ screen: 'library', toasts: [] })
  render(<App />)
  await waitFor(() => expect(useDatasetsStore.getState().datasets).toHaveLength(1))
  return fake
}

describe('findings you can act on', () => {
  it('a Library finding opens exactly its faces under a chip; one confirmed action resolves it, undoable', async () => {
    const { faces } = await openLibrary()
    const user = userEvent.setup()
    await user.click(await screen.findByTestId('badge-leakage'))
    expect(useUiStore.getState().screen).toBe('faces')
    await waitFor(() => expect(useFacesStore.getState().ids).toHaveLength(80))
    expect(useFacesStore.getState().filter).toEqual({ finding: 'leakage' })
    expect(screen.getByTestId('finding-chip-name').textContent).toMatch(/Leak across splits/)
    expect(screen.getByTestId('finding-left').textContent).toBe('40 groups left')

    await user.click(screen.getByTestId('finding-resolve'))
    const ask = await screen.findByTestId('bulk-confirm')
    expect(ask.dataset.count).toBe('60')
    expect(ask.textContent).toMatch(/excludes 60 faces \(40 groups\) as duplicate of another/)
    expect(callsOf(backend!.transport, 'labels.exclude')).toEqual([])
    await user.click(screen.getByTestId('bulk-confirm-yes'))
    await waitFor(() => expect(faces.get(60)?.excluded).toBe('duplicate'))
    expect(callsOf(backend!.transport, 'labels.exclude')).toEqual([
      { faceIds: PLAN, reason: 'duplicate' },
    ])
    expect(faces.get(61)?.excluded).toBe(null)

    await user.click(screen.getAllByTestId('toast-action').at(-1) as HTMLElement)
    await waitFor(() => expect(faces.get(60)?.excluded).toBe(null))

    await user.click(screen.getByTestId('finding-clear'))
    await waitFor(() => expect(useFacesStore.getState().ids).toHaveLength(100))
    expect(screen.queryByTestId('finding-chip')).toBeNull()
  })

  it('says when "likely mislabelled first" rests on FER+ disagreement for want of a model', async () => {
    await openLibrary('ferplus')
    const user = userEvent.setup()
    useUiStore.setState({ screen: 'faces' })
    await user.selectOptions(await screen.findByTestId('sort-select'), 'suspicion')
    expect((await screen.findByTestId('sort-basis')).textContent).toMatch(
      /No model yet: FER\+ majority disagreeing with the label first/,
    )
    await user.selectOptions(screen.getByTestId('sort-select'), 'id')
    expect(screen.queryByTestId('sort-basis')).toBeNull()
  })
})
