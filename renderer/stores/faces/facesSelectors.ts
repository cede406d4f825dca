import type { FaceId, FaceSummary } from '../../../shared/domain'
import type { FacesStore } from './facesStore'

export const facesSelectors = {
  ids: (s: FacesStore) => s.ids,
  total: (s: FacesStore) => s.ids.length,
  filter: (s: FacesStore) => s.filter,
  sort: (s: FacesStore) => s.sort,
  explicit: (s: FacesStore) => s.explicit,
  queryStatus: (s: FacesStore) => s.queryStatus,
  selectedCount: (s: FacesStore) => s.selected.size,
  focusId: (s: FacesStore) => s.focusId,
  detail: (s: FacesStore) => s.detail,
  canUndo: (s: FacesStore) => s.canUndo,
  canRedo: (s: FacesStore) => s.canRedo,
  summary:
    (id: FaceId) =>
    (s: FacesStore): FaceSummary | undefined =>
      s.summaries.get(id),
  isSelected: (id: FaceId) => (s: FacesStore) => s.selected.has(id),
  isFocused: (id: FaceId) => (s: FacesStore) => s.focusId === id,
  focused: (s: FacesStore): FaceSummary | undefined =>
    s.focusId === null ? undefined : s.summaries.get(s.focusId),
  /** Number of filter fields in use, for the "clear filters" badge. */
  activeFilterCount: (s: FacesStore) => Object.keys(s.filter).filter((k) => k !== 'runId').length,
}
