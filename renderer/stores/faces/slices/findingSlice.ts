import type { StateCreator } from 'zustand'

import { FINDING_RESOLUTIONS, FINDING_TITLES } from '../../../../shared/domain'
import { EXCLUSION_TITLES } from '../../../../shared/domain/exclusion'
import { studio } from '../../../api/client'
import { formatCount } from '../../../lib/format'
import { toastError, useUiStore } from '../../ui/uiStore'
import type { FacesStore } from '../facesStore'

/**
 * Resolving the finding the grid shows in one step: the backend plans which faces to exclude
 * (`faces.planFinding`), and they are excluded like any other selection: one undoable step in
 * the history, asked first when more than a few, with a toast offering Undo.
 */
export type FindingSlice = {
  /** Plans and applies the one action resolving the shown finding (asks first for many faces). */
  resolveFinding(): Promise<void>
}

export const createFindingSlice: StateCreator<FacesStore, [], [], FindingSlice> = (_set, get) => ({
  async resolveFinding() {
    const { datasetId, filter } = get()
    const finding = filter.finding
    if (datasetId === null || finding === undefined) return
    const { data, error } = await studio.callSafe('faces.planFinding', { datasetId, finding })
    if (error !== null) return toastError(error)
    if (data.faceIds.length === 0) {
      useUiStore.getState().toast('info', `${FINDING_TITLES[finding]}: nothing left to resolve`)
      return
    }
    const n = data.faceIds.length
    const question =
      `${FINDING_TITLES[finding]}: ${FINDING_RESOLUTIONS[finding].action}? ` +
      `That excludes ${formatCount(n)} ${n === 1 ? 'face' : 'faces'} ` +
      `(${formatCount(data.groups)} ${data.groups === 1 ? 'group' : 'groups'}) as ` +
      `${EXCLUSION_TITLES[data.reason]}.`
    await get().excludeFaces(data.faceIds, data.reason, question)
  },
})
