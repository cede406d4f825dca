import { studio } from '../../api/client'
import { useUiStore } from '../ui/uiStore'
import { useDatasetsStore } from './datasetsStore'
import { updateJob } from './slices/importSlice'

/** Counts change with every relabel; refreshing the list at most this often keeps them current. */
const REFRESH_DELAY_MS = 400

/** Subscribes the datasets store to its events; returns the unsubscribe. */
export function connectDatasetEvents(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null
  const refreshSoon = (): void => {
    if (timer !== null) return
    timer = setTimeout(() => {
      timer = null
      void useDatasetsStore.getState().loadDatasets()
    }, REFRESH_DELAY_MS)
  }
  const set = useDatasetsStore.setState
  const get = useDatasetsStore.getState
  const offs = [
    studio.on('datasets.changed', refreshSoon),
    studio.on('labels.changed', refreshSoon),
    studio.on('datasets.exportProgressed', ({ datasetId, done, total }) => {
      // Only the export this window is waiting for (a late event must not bring back a bar).
      if (get().exporting?.datasetId === datasetId) set({ exporting: { datasetId, done, total } })
    }),
    studio.on('datasets.importProgressed', ({ jobId, phase, done, total, fraction }) => {
      set({ jobs: updateJob(get().jobs, jobId, { phase, done, total, fraction }) })
    }),
    studio.on('datasets.importFinished', ({ jobId, report }) => {
      set({ jobs: updateJob(get().jobs, jobId, { phase: 'done', report }) })
      if (jobId === get().activeJobId) {
        get().selectDataset(report.datasetId)
        useUiStore
          .getState()
          .toast('success', `Imported ${report.imported} faces into “${report.name}”`)
      }
      void get().loadDatasets()
    }),
    studio.on('datasets.importFailed', ({ jobId, error }) => {
      set({ jobs: updateJob(get().jobs, jobId, { error, cancelling: false }) })
    }),
  ]
  return () => {
    if (timer !== null) clearTimeout(timer)
    for (const off of offs) off()
  }
}
