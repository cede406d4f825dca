// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react'
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
  useUiStore.setState({ screen: 'faces', toasts: [] })
  render(<App />)
  await waitFor(() => expect(tile(1)?.dataset.label).toBe('disgust'))
  return fake
}

describe('Faces screen: exclusion and mass changes', () => {
  it('X excludes as not a face, Shift+X includes again, the menu gives a reason, all undoable', async () => {
    const { faces } = await openFaces(20)
    const user = userEvent.setup()
    await user.click(tile(2) as HTMLElement)
    await user.keyboard('x')
    await waitFor(() => expect(tile(2)?.dataset.excluded).toBe('not-a-face'))
    expect(faces.get(2)?.excluded).toBe('not-a-face')
    expect(screen.getByTestId('toast').textContent).toMatch(/Excluded 1 face: not a face/)

    await user.keyboard('{Shift>}X{/Shift}')
    await waitFor(() => expect(tile(2)?.dataset.excluded).toBe(''))

    await user.selectOptions(screen.getByTestId('exclude-menu'), 'duplicate')
    await waitFor(() => expect(faces.get(2)?.excluded).toBe('duplicate'))
    expect(callsOf(backend!.transport, 'labels.exclude')).toEqual([
      { faceIds: [2], reason: 'not-a-face' },
      { faceIds: [2], reason: null },
      { faceIds: [2], reason: 'duplicate' },
    ])

    await user.click(screen.getByTestId('undo-button'))
    await waitFor(() => expect(tile(2)?.dataset.excluded).toBe(''))
    expect(faces.get(2)?.excluded).toBe(null)

    await user.selectOptions(screen.getByTestId('filter-exclusion'), 'excluded')
    await waitFor(() => expect(screen.getByTestId('faces-none')).toBeTruthy())
  })

  it('asks before changing more than 50 faces, with the count; a toast offers Undo', async () => {
    const { faces } = await openFaces(120)
    const user = userEvent.setup()
    await user.click(tile(1) as HTMLElement)
    await user.keyboard('{Control>}a{/Control}')
    await user.keyboard('4')
    const ask = await screen.findByTestId('bulk-confirm')
    expect(ask.dataset.count).toBe('120')
    expect(ask.textContent).toMatch(/Relabel 120 faces as happy\?/)
    expect(callsOf(backend!.transport, 'labels.set')).toEqual([])

    // Cancel changes nothing; keys do nothing while it asks.
    await user.click(screen.getByTestId('bulk-confirm-no'))
    expect(screen.queryByTestId('bulk-confirm')).toBeNull()
    expect(callsOf(backend!.transport, 'labels.set')).toEqual([])

    await user.keyboard('4')
    await screen.findByTestId('bulk-confirm')
    await user.keyboard('5')
    expect(callsOf(backend!.transport, 'labels.set')).toEqual([])
    await user.click(screen.getByTestId('bulk-confirm-yes'))
    await waitFor(() => expect(faces.get(1)?.label).toBe('happy'))
    expect([...faces.values()].every((f) => f.label === 'happy')).toBe(true)
    const toast = screen.getAllByTestId('toast').at(-1) as HTMLElement
    expect(toast.textContent).toMatch(/Relabeled 103 faces as happy/)

    // Undo from the toast, and the changed faces are brought into view (the focus moves there).
    useFacesStore.setState({ focusId: 120 as never })
    await user.click(screen.getAllByTestId('toast-action').at(-1) as HTMLElement)
    await waitFor(() => expect(faces.get(1)?.label).toBe('disgust'))
    expect(useFacesStore.getState().focusId).toBe(1)
  })

  it('changes a few faces at once, without asking', async () => {
    const { faces } = await openFaces(60)
    const user = userEvent.setup()
    await user.click(tile(1) as HTMLElement)
    await user.keyboard('{Shift>}')
    await user.click(tile(50) as HTMLElement)
    await user.keyboard('{/Shift}x')
    await waitFor(() => expect(faces.get(50)?.excluded).toBe('not-a-face'))
    expect(screen.queryByTestId('bulk-confirm')).toBeNull()
  })

  it('G and the skip link move the keyboard focus to the grid, past filters and toolbar', async () => {
    await openFaces(10)
    const user = userEvent.setup()
    const grid = screen.getByTestId('face-grid')
    screen.getByTestId('filter-reset').focus()
    await user.keyboard('g')
    expect(document.activeElement).toBe(grid)
    screen.getByTestId('skip-to-grid').focus()
    await user.keyboard('{Enter}')
    expect(document.activeElement).toBe(grid)
  })
})
