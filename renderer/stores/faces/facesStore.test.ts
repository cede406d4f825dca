// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'

import type { FaceId } from '../../../shared/domain'
import { StudioFailure } from '../../../shared/transport/envelope'
import { fakeFaceHandlers } from '../../test/fakeFaceHandlers'
import { callsOf, installTestBackend } from '../../test/installTestBackend'
import type { TestBackend } from '../../test/installTestBackend'
import { facesSelectors } from './facesSelectors'
import { useFacesStore } from './facesStore'

let backend: TestBackend | null = null
afterEach(() => backend?.disconnect())

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await settle()
  expect(check()).toBe(true)
}
const id = (n: number) => n as FaceId

describe('facesStore', () => {
  it('keeps ids only and fetches summaries in windows, never twice', async () => {
    const { handlers } = fakeFaceHandlers(5000)
    backend = installTestBackend(handlers)
    await until(() => useFacesStore.getState().ids.length === 5000)
    // With the ids comes the first page, around the focused (first) face.
    await until(() => useFacesStore.getState().summaries.size === 200)
    const store = useFacesStore.getState()
    store.ensureRange(0, 450)
    store.ensureRange(100, 500)
    await until(() => useFacesStore.getState().summaries.size === 600)
    const gets = callsOf(backend.transport, 'faces.get') as { ids: number[] }[]
    expect(gets.map((g) => g.ids.length)).toEqual([200, 400])
    useFacesStore.getState().ensureRange(0, 4999)
    await until(() => useFacesStore.getState().summaries.size === 5000)
    const later = (callsOf(backend.transport, 'faces.get') as { ids: number[] }[]).slice(2)
    expect(later.every((c) => c.ids.length <= 2000)).toBe(true)
    expect(later.reduce((n, c) => n + c.ids.length, 0)).toBe(4400)
  })

  it('asks for the summaries around the kept focus as soon as a new result arrives', async () => {
    const { handlers } = fakeFaceHandlers(5000)
    backend = installTestBackend(handlers)
    await until(() => useFacesStore.getState().ids.length === 5000)
    useFacesStore.getState().moveFocus(1233)
    expect(useFacesStore.getState().focusId).toBe(1234)
    void useFacesStore.getState().runQuery()
    await until(() => useFacesStore.getState().summaries.has(id(1234)))
    const gets = callsOf(backend.transport, 'faces.get') as { ids: number[] }[]
    // Page 0 for the first result; for the second, the pages (200 ids each) holding 60 faces
    // either side of the focus (indices 1173..1293: pages 5 and 6).
    expect(gets.map((g) => [g.ids[0], g.ids.length])).toEqual([
      [1, 200],
      [1001, 400],
    ])
  })

  it('starts at the top when the sort or the filter changes', async () => {
    const { handlers } = fakeFaceHandlers(500)
    backend = installTestBackend(handlers)
    await until(() => useFacesStore.getState().ids.length === 500)
    useFacesStore.getState().moveFocus(300)
    expect(useFacesStore.getState().focusId).toBe(301)
    useFacesStore.getState().setSort('confidence-asc')
    expect(useFacesStore.getState().focusId).toBe(null)
    await until(() => useFacesStore.getState().focusId === 1)
    useFacesStore.getState().moveFocus(200)
    useFacesStore.getState().setFilter({ labels: ['happy'] })
    // Face 3 is the first happy face (labels go round the seven emotions).
    await until(() => useFacesStore.getState().focusId === 3)
  })

  it('selects by click, shift-click range, ctrl toggle, and all matching', async () => {
    backend = installTestBackend(fakeFaceHandlers(30).handlers)
    await until(() => useFacesStore.getState().ids.length === 30)
    const s = () => useFacesStore.getState()
    s().clickFace(id(3), { shift: false, toggle: false })
    s().clickFace(id(6), { shift: true, toggle: false })
    expect([...s().selected]).toEqual([3, 4, 5, 6])
    s().clickFace(id(10), { shift: false, toggle: true })
    s().clickFace(id(4), { shift: false, toggle: true })
    expect([...s().selected].sort((a, b) => a - b)).toEqual([3, 5, 6, 10])
    s().moveFocus(7, { extend: true })
    expect([...s().selected]).toEqual([4, 5, 6, 7, 8, 9, 10, 11])
    s().selectAllMatching()
    expect(s().selected.size).toBe(30)
  })

  it('relabels at once, saves as one step, and undoes and redoes through the backend', async () => {
    const { handlers, faces } = fakeFaceHandlers(20)
    backend = installTestBackend(handlers)
    await until(() => useFacesStore.getState().ids.length === 20)
    useFacesStore.getState().ensureRange(0, 19)
    await until(() => useFacesStore.getState().summaries.size === 20)
    const s = () => useFacesStore.getState()
    s().clickFace(id(1), { shift: false, toggle: false })
    s().clickFace(id(3), { shift: true, toggle: false })
    const saving = s().relabel('fear')
    // Optimistic: the grid shows the new label before the backend answers.
    expect([1, 2, 3].map((n) => s().summaries.get(id(n))?.label)).toEqual(['fear', 'fear', 'fear'])
    await saving
    expect([1, 2, 3].map((n) => faces.get(n)?.label)).toEqual(['fear', 'fear', 'fear'])
    expect(callsOf(backend.transport, 'labels.set')).toEqual([
      { faceIds: [1, 2, 3], label: 'fear' },
    ])

    await s().undo()
    expect([1, 2, 3].map((n) => s().summaries.get(id(n))?.label)).toEqual([
      'disgust',
      'fear',
      'happy',
    ])
    expect(faces.get(1)?.label).toBe('disgust')
    await s().redo()
    expect(s().summaries.get(id(1))?.label).toBe('fear')
    expect(faces.get(3)?.label).toBe('fear')
    expect(s().canRedo).toBe(false)
  })

  it('puts the old labels back when saving fails', async () => {
    const { handlers } = fakeFaceHandlers(5)
    backend = installTestBackend({
      ...handlers,
      'labels.set': async () => {
        throw new StudioFailure('CONFLICT', 'Dataset is locked')
      },
    })
    await until(() => useFacesStore.getState().ids.length === 5)
    useFacesStore.getState().ensureRange(0, 4)
    await until(() => useFacesStore.getState().summaries.size === 5)
    useFacesStore.getState().clickFace(id(2), { shift: false, toggle: false })
    await useFacesStore.getState().relabel('sad')
    expect(useFacesStore.getState().summaries.get(id(2))?.label).toBe('fear')
    expect(facesSelectors.canUndo(useFacesStore.getState())).toBe(false)
  })

  it('applies label changes pushed by the backend (another window, the CLI)', async () => {
    backend = installTestBackend(fakeFaceHandlers(5).handlers)
    await until(() => useFacesStore.getState().ids.length === 5)
    useFacesStore.getState().ensureRange(0, 4)
    await until(() => useFacesStore.getState().summaries.size === 5)
    backend.transport.emit('labels.changed', {
      datasetId: useFacesStore.getState().datasetId as never,
      changes: [{ faceId: id(4), label: 'neutral' }],
      exclusions: [],
    })
    expect(useFacesStore.getState().summaries.get(id(4))?.label).toBe('neutral')
  })
})
