import { studio } from '../../api/client'
import { useSuspectsStore } from './suspectsStore'

/**
 * Suspects follow the backend: a job of this dataset that completes, and labels changed (an undo
 * brings an accepted suspect back), reload the open view; reviews elsewhere update the counts.
 */
export function connectSuspectsEvents(): () => void {
  const get = useSuspectsStore.getState
  const reloadIfOpen = (datasetId: number) => {
    if (get().open && get().datasetId === datasetId) void get().load()
  }
  const offs = [
    studio.on('suspects.changed', ({ job }) => {
      if (job.status === 'completed') reloadIfOpen(job.datasetId)
    }),
    studio.on('suspects.reviewed', ({ datasetId, counts }) => {
      if (get().datasetId === datasetId) useSuspectsStore.setState({ counts })
    }),
    studio.on('labels.changed', ({ datasetId, changes }) => {
      const shown = new Set(get().suspects.map((s) => s.faceId))
      // Our own accept changes a shown face's label and is already accounted for.
      if (changes.some((c) => !shown.has(c.faceId))) reloadIfOpen(datasetId)
    }),
  ]
  return () => {
    for (const off of offs) off()
  }
}
