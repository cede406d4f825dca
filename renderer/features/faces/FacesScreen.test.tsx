// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'

import { App } from '../../app/App'
import { useFacesStore } from '../../stores/faces/facesStore'
import { useUiStore } from '../../stores/ui/uiStore'
import { installDomStubs } from '../../test/domStubs'
import { fakeFaceHandlers } from '../../test/fakeFaceHandlers'
import { callsOf, installTestBackend } from '../../test/installTestBackend'
import type { TestBackend } from '../../test/installTestBackend'

let backend: TestBackend | null = null
beforeAll(() => installDomStubs())
afterEach(() => {
  cleanup()
  backend?.disconnect()
})

const tile = (faceId: number) =>
  document.querySelector<HTMLElement>(`[data-testid=face-tile][data-face-id="${faceId}"]`)

async function openFaces(count: number) {
  const fake = fakeFaceHandlers(count)
  backend = installTestBackend(fake.handlers)
  useUiStore.setState({ screen: 'faces' })
  render(<App />)
  await waitFor(() => expect(tile(1)?.dataset.label).toBe('disgust'))
  return fake
}

describe('Faces screen', () => {
  it('offers Undo at once when the backend still holds a step of this session (after a reload)', async () => {
    const fake = fakeFaceHandlers(10)
    const setLabels = fake.handlers['labels.set']
    await setLabels?.(
      { faceIds: [1 as never], label: 'fear', actor: 'studio' },
      { origin: 'test', log: () => undefined },
    )
    backend = installTestBackend(fake.handlers)
    useUiStore.setState({ screen: 'faces' })
    render(<App />)
    const button = (name: RegExp) => screen.getByRole<HTMLButtonElement>('button', { name })
    await waitFor(() => expect(button(/Undo/).disabled).toBe(false))
    expect(button(/Redo/).disabled).toBe(true)
    await userEvent.setup().click(button(/Undo/))
    await waitFor(() => expect(fake.faces.get(1 as never)?.label).toBe('disgust'))
  })

  it('relabels the clicked face with a number key, and undoes and redoes with Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y', async () => {
    const { faces } = await openFaces(40)
    const user = userEvent.setup()
    await user.click(tile(1) as HTMLElement)
    expect(tile(1)?.getAttribute('aria-selected')).toBe('true')

    await user.keyboard('3')
    expect(tile(1)?.dataset.label).toBe('fear')
    await waitFor(() => expect(faces.get(1)?.label).toBe('fear'))
    // Auto-advance: the next face has the focus and the selection.
    expect(tile(2)?.getAttribute('aria-selected')).toBe('true')

    await user.keyboard('{Control>}z{/Control}')
    await waitFor(() => expect(tile(1)?.dataset.label).toBe('disgust'))
    expect(faces.get(1)?.label).toBe('disgust')

    await user.keyboard('{Control>}{Shift>}z{/Shift}{/Control}')
    await waitFor(() => expect(tile(1)?.dataset.label).toBe('fear'))

    await user.keyboard('{Control>}z{/Control}')
    await waitFor(() => expect(tile(1)?.dataset.label).toBe('disgust'))
    await user.keyboard('{Control>}y{/Control}')
    await waitFor(() => expect(faces.get(1)?.label).toBe('fear'))
    expect(callsOf(backend!.transport, 'labels.undo')).toHaveLength(2)
    expect(callsOf(backend!.transport, 'labels.redo')).toHaveLength(2)
  })

  it('relabels a shift-click range in one step with the legend button', async () => {
    const { faces } = await openFaces(40)
    const user = userEvent.setup()
    await user.click(tile(2) as HTMLElement)
    await user.keyboard('{Shift>}')
    await user.click(tile(5) as HTMLElement)
    await user.keyboard('{/Shift}')
    expect(screen.getByTestId('selection-count').dataset.count).toBe('4')
    await user.click(within(screen.getByTestId('relabel-legend')).getByTestId('relabel-neutral'))
    await waitFor(() =>
      expect([2, 3, 4, 5].map((n) => faces.get(n)?.label)).toEqual([
        'neutral',
        'neutral',
        'neutral',
        'neutral',
      ]),
    )
    expect(callsOf(backend!.transport, 'labels.set')).toEqual([
      { faceIds: [2, 3, 4, 5], label: 'neutral' },
    ])
  })

  it('changes only the relabelled tiles in the DOM, and saves in the background', async () => {
    const { faces } = await openFaces(40)
    const user = userEvent.setup()
    await user.click(tile(2) as HTMLElement)
    await user.keyboard('{Shift>}')
    await user.click(tile(3) as HTMLElement)
    await user.keyboard('{/Shift}')
    const grid = screen.getByTestId('face-grid')
    const touched = new Set<string>()
    const observer = new MutationObserver((records) => {
      for (const record of records) {
        const target =
          record.target instanceof Element ? record.target : record.target.parentElement
        touched.add(target?.closest<HTMLElement>('[data-face-id]')?.dataset.faceId ?? 'grid')
      }
    })
    observer.observe(grid, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    })

    expect([tile(2)?.dataset.label, tile(3)?.dataset.label]).toEqual(['fear', 'happy'])
    await user.keyboard('6')
    // Drawn at once, before the backend has answered.
    expect([tile(2)?.dataset.label, tile(3)?.dataset.label]).toEqual(['surprise', 'surprise'])
    await waitFor(() => expect(faces.get(3)?.label).toBe('surprise'))
    await waitFor(() => expect(useFacesStore.getState().pendingLabels.size).toBe(0))
    observer.disconnect()
    expect(touched).toEqual(new Set(['2', '3']))
  })

  it("asks for each row's faces as one strip, and for the new faces' strip after a filter", async () => {
    await openFaces(40)
    const user = userEvent.setup()
    const firstRow = () => document.querySelector<HTMLElement>('[data-testid=face-row]')
    const stripIds = () =>
      new URL(firstRow()?.dataset.strip ?? '', 'http://x').searchParams.get('ids')
    const tileIds = () =>
      [...(firstRow()?.querySelectorAll<HTMLElement>('[data-testid=face-tile]') ?? [])]
        .map((t) => t.dataset.faceId)
        .join(',')
    await waitFor(() => expect(stripIds()).not.toBeNull())
    expect(stripIds()).toBe(tileIds())
    expect(tileIds().split(',').length).toBeGreaterThan(1)
    const before = stripIds()
    await user.click(screen.getByTestId('filter-label-happy'))
    await waitFor(() => expect(stripIds()).not.toBe(before))
    await waitFor(() => expect(stripIds()).toBe(tileIds()))
  })

  it('re-queries when a filter changes and shows only the matching faces', async () => {
    await openFaces(40)
    const user = userEvent.setup()
    expect(screen.getByTestId('face-count').textContent).toBe('40')
    await user.click(screen.getByTestId('filter-label-happy'))
    await waitFor(() => expect(screen.getByTestId('face-count').textContent).toBe('6'))
    expect(callsOf(backend!.transport, 'faces.query').at(-1)).toMatchObject({
      filter: { labels: ['happy'] },
    })
    await waitFor(() => {
      const labels = [...document.querySelectorAll<HTMLElement>('[data-testid=face-tile]')].map(
        (t) => t.dataset.label,
      )
      expect(labels).toHaveLength(6)
      expect(new Set(labels)).toEqual(new Set(['happy']))
    })
    await user.click(screen.getByTestId('filter-reset'))
    await waitFor(() => expect(screen.getByTestId('face-count').textContent).toBe('40'))
  })
})
