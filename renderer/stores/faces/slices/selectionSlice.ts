import type { StateCreator } from 'zustand'

import type { FaceId } from '../../../../shared/domain'
import type { FacesStore } from '../facesStore'

/** Modifier keys of a click, as the grid reads them from the mouse event. */
export type ClickModifiers = Readonly<{ shift: boolean; toggle: boolean }>

export type SelectionSlice = {
  selected: ReadonlySet<FaceId>
  /** Where a shift-click or shift-arrow range starts. */
  anchorId: FaceId | null
  /** The face the keyboard acts on and the detail panel shows. */
  focusId: FaceId | null
  /** Plain click selects one; shift-click selects the range from the anchor; ctrl/cmd toggles. */
  clickFace(id: FaceId, modifiers: ClickModifiers): void
  /**
   * Moves the focus by `delta` places (1 right, -columns up...). `extend` grows the selection as
   * a range from the anchor; `keepSelection` moves only the focus (ctrl+arrows).
   */
  moveFocus(delta: number, options?: Readonly<{ extend?: boolean; keepSelection?: boolean }>): void
  /** Space: adds or removes the focused face. */
  toggleFocused(): void
  /** Selects these faces, replacing the selection or adding to `base` (rubber band). */
  selectIds(ids: readonly FaceId[], base?: ReadonlySet<FaceId>): void
  /** Selects every face matching the current filter, loaded or not. */
  selectAllMatching(): void
  clearSelection(): void
}

export const createSelectionSlice: StateCreator<FacesStore, [], [], SelectionSlice> = (
  set,
  get,
) => {
  const rangeIds = (fromId: FaceId, toId: FaceId): FaceId[] => {
    const { ids, indexOf } = get()
    const a = indexOf.get(fromId) ?? 0
    const b = indexOf.get(toId) ?? 0
    return ids.slice(Math.min(a, b), Math.max(a, b) + 1) as FaceId[]
  }
  return {
    selected: new Set(),
    anchorId: null,
    focusId: null,
    clickFace(id, { shift, toggle }) {
      const { anchorId, selected } = get()
      if (shift && anchorId !== null) {
        const range = rangeIds(anchorId, id)
        const next = toggle ? new Set([...selected, ...range]) : new Set(range)
        return set({ selected: next, focusId: id })
      }
      if (toggle) {
        const next = new Set(selected)
        if (next.has(id)) next.delete(id)
        else next.add(id)
        return set({ selected: next, anchorId: id, focusId: id })
      }
      set({ selected: new Set([id]), anchorId: id, focusId: id })
    },
    moveFocus(delta, options = {}) {
      const { ids, indexOf, focusId, anchorId } = get()
      if (ids.length === 0) return
      const at = focusId === null ? -1 : (indexOf.get(focusId) ?? -1)
      const index = at < 0 ? 0 : Math.min(ids.length - 1, Math.max(0, at + delta))
      const next = ids[index] as FaceId
      if (options.keepSelection) return set({ focusId: next })
      if (options.extend) {
        const anchor = anchorId ?? focusId ?? next
        return set({ focusId: next, anchorId: anchor, selected: new Set(rangeIds(anchor, next)) })
      }
      set({ focusId: next, anchorId: next, selected: new Set([next]) })
    },
    toggleFocused() {
      const { focusId, selected } = get()
      if (focusId === null) return
      const next = new Set(selected)
      if (next.has(focusId)) next.delete(focusId)
      else next.add(focusId)
      set({ selected: next, anchorId: focusId })
    },
    selectIds(ids, base) {
      set({ selected: base === undefined ? new Set(ids) : new Set([...base, ...ids]) })
    },
    selectAllMatching() {
      set({ selected: new Set(get().ids) })
    },
    clearSelection() {
      set({ selected: new Set(), anchorId: get().focusId })
    },
  }
}
