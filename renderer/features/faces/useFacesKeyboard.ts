import type { MutableRefObject } from 'react'

import { emotionForKey } from '../../lib/emotionKeys'
import { isPrimaryModifier, useWindowKeys } from '../../lib/keyboard'
import { useFacesStore } from '../../stores/faces/facesStore'
import { focusFaceGrid } from './focusFaceGrid'

/**
 * The annotator's keys on the Faces screen: 1-7 relabel, Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y undo and
 * redo, X excludes as not a face and Shift+X includes again, arrows move (Shift extends, Ctrl
 * moves the focus only), Space toggles, Ctrl+A selects all matching, Escape clears, Home/End and
 * Page Up/Down jump, G moves the keyboard focus to the grid. While a mass change waits for
 * confirmation, its dialog has the keys.
 */
export function useFacesKeyboard(
  columnsRef: MutableRefObject<number>,
  pageRowsRef: MutableRefObject<number>,
  /** Off while another view (Suspects) has the keys. */
  enabled = true,
): void {
  useWindowKeys((event) => {
    const target = event.target as HTMLElement | null
    // Leave keys to the control that has them: sliders take arrows, buttons take Space/Enter.
    if (target?.tagName === 'INPUT' && event.key.startsWith('Arrow')) return
    if (target?.tagName === 'BUTTON' && (event.key === ' ' || event.key === 'Enter')) return

    const store = useFacesStore.getState()
    if (store.pendingBulk !== null) return
    const primary = isPrimaryModifier(event)
    const key = event.key.toLowerCase()

    if (primary && !event.altKey) {
      if (key === 'z' && !event.shiftKey) return handled(event, () => void store.undo())
      if ((key === 'z' && event.shiftKey) || key === 'y')
        return handled(event, () => void store.redo())
      if (key === 'a') return handled(event, () => store.selectAllMatching())
    }
    if (!primary && !event.altKey) {
      const emotion = emotionForKey(event.key)
      if (emotion !== null && !event.shiftKey)
        return handled(event, () => void store.relabel(emotion))
      if (key === 'x')
        return handled(event, () => void store.exclude(event.shiftKey ? null : 'not-a-face'))
      if (key === 'g' && !event.shiftKey) return handled(event, focusFaceGrid)
    }
    if (event.altKey) return

    const columns = columnsRef.current
    const page = columns * pageRowsRef.current
    const move = (delta: number): void =>
      store.moveFocus(delta, { extend: event.shiftKey, keepSelection: primary && !event.shiftKey })
    switch (event.key) {
      case 'ArrowRight':
        return handled(event, () => move(1))
      case 'ArrowLeft':
        return handled(event, () => move(-1))
      case 'ArrowDown':
        return handled(event, () => move(columns))
      case 'ArrowUp':
        return handled(event, () => move(-columns))
      case 'PageDown':
        return handled(event, () => move(page))
      case 'PageUp':
        return handled(event, () => move(-page))
      case 'Home':
        return handled(event, () => move(-store.ids.length))
      case 'End':
        return handled(event, () => move(store.ids.length))
      case ' ':
        return handled(event, () => store.toggleFocused())
      case 'Escape':
        return handled(event, () => store.clearSelection())
    }
  }, enabled)
}

function handled(event: KeyboardEvent, action: () => void): void {
  event.preventDefault()
  action()
}
