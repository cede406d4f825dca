import type { DatasetSummary } from '../../../shared/domain'
import type { DatasetsStore } from './datasetsStore'
import type { ImportJob } from './slices/importSlice'

export const datasetsSelectors = {
  datasets: (s: DatasetsStore) => s.datasets,
  currentId: (s: DatasetsStore) => s.currentId,
  current: (s: DatasetsStore): DatasetSummary | null =>
    s.datasets.find((d) => d.id === s.currentId) ?? null,
  isEmpty: (s: DatasetsStore) => s.listStatus === 'ready' && s.datasets.length === 0,
  activeJob: (s: DatasetsStore): ImportJob | null =>
    s.activeJobId === null ? null : (s.jobs[s.activeJobId] ?? null),
}
