import { studio } from '../../api/client'
import { useFacesStore } from './facesStore'

/**
 * Reconciles the grid with label changes from anywhere (this window's own saves echo back too,
 * as do other windows and the CLI through the bridge). Faces with a save of ours still in flight
 * are left to that save's answer, so an older echo cannot flip them back.
 */
export function connectFaceEvents(): () => void {
  return studio.on('labels.changed', ({ datasetId, changes, exclusions }) => {
    const state = useFacesStore.getState()
    if (datasetId !== state.datasetId) return
    const settled = changes.filter((c) => !state.pendingLabels.has(c.faceId))
    state.patchLabels(settled)
    state.patchExclusions(exclusions)
    const detailId = state.detail?.faceId
    const changed = [...changes, ...exclusions]
    if (detailId !== undefined && changed.some((c) => c.faceId === detailId))
      void state.loadDetail(detailId)
  })
}
