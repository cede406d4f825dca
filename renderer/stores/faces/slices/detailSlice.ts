import type { StateCreator } from 'zustand'

import type { FaceId, FaceSummary, LabelChange } from '../../../../shared/domain'
import { studio } from '../../../api/client'
import type { FacesStore } from '../facesStore'

export type FaceDetail = Readonly<{
  faceId: FaceId
  status: 'loading' | 'ready' | 'error'
  history: readonly LabelChange[]
  /** Pixel-identical faces, this one included; empty when it is unique. */
  duplicates: readonly FaceSummary[]
}>

export type DetailSlice = {
  detail: FaceDetail | null
  /** Loads the label history and duplicates of a face for the detail panel. */
  loadDetail(faceId: FaceId): Promise<void>
}

export const createDetailSlice: StateCreator<FacesStore, [], [], DetailSlice> = (set, get) => ({
  detail: null,
  async loadDetail(faceId) {
    const previous = get().detail
    set({
      detail:
        previous?.faceId === faceId
          ? previous
          : { faceId, status: 'loading', history: [], duplicates: [] },
    })
    const [history, duplicates] = await Promise.all([
      studio.callSafe('labels.history', { faceId, limit: 50 }),
      studio.callSafe('faces.duplicates', { faceId }),
    ])
    if (get().detail?.faceId !== faceId) return
    set({
      detail: {
        faceId,
        status: history.error === null ? 'ready' : 'error',
        history: history.data ?? [],
        duplicates: duplicates.data !== null && duplicates.data.length > 1 ? duplicates.data : [],
      },
    })
  },
})
