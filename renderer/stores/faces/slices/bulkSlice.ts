import type { StateCreator } from 'zustand'

import type { FaceId } from '../../../../shared/domain'
import type { FacesStore } from '../facesStore'

/** A relabel or exclusion of more faces than this asks first, with the count. */
export const BULK_CONFIRM_LIMIT = 50

/** A change waiting for the user's yes: what it does, to how many faces. */
export type PendingBulk = Readonly<{ count: number; message: string; run: () => Promise<void> }>

/**
 * No silent mass change: a change to more than BULK_CONFIRM_LIMIT faces waits here until the user
 * confirms it (or cancels), and the changed faces are brought into view after an undo or redo.
 */
export type BulkSlice = {
  pendingBulk: PendingBulk | null
  /** Runs `run` at once for a few faces; for many, keeps it pending until `confirmBulk`. */
  guardBulk(count: number, message: string, run: () => Promise<void>): Promise<void>
  confirmBulk(): Promise<void>
  cancelBulk(): void
  /** Moves the focus (and so the grid's scroll) to the first of these faces that is listed. */
  reveal(faceIds: readonly FaceId[]): void
}

export const createBulkSlice: StateCreator<FacesStore, [], [], BulkSlice> = (set, get) => ({
  pendingBulk: null,
  async guardBulk(count, message, run) {
    if (count <= BULK_CONFIRM_LIMIT) return run()
    set({ pendingBulk: { count, message, run } })
  },
  async confirmBulk() {
    const pending = get().pendingBulk
    if (pending === null) return
    set({ pendingBulk: null })
    await pending.run()
  },
  cancelBulk() {
    set({ pendingBulk: null })
  },
  reveal(faceIds) {
    const { indexOf } = get()
    const listed = faceIds.filter((id) => indexOf.has(id))
    if (listed.length === 0) return
    const first = listed.reduce((a, b) => ((indexOf.get(a) ?? 0) <= (indexOf.get(b) ?? 0) ? a : b))
    set({ focusId: first })
  },
})
