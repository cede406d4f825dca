import type { DatasetId, FaceFinding } from '../../shared/domain'
import { useDatasetsStore } from './datasets/datasetsStore'
import { useFacesStore } from './faces/facesStore'
import { useSuspectsStore } from './suspects/suspectsStore'
import { useUiStore } from './ui/uiStore'

/**
 * Opens a dataset's finding (from the Library or an import report) in the Faces grid: exactly the
 * faces of that finding, under a chip naming it. The dataset switch runs first (it resets the
 * filters), then the finding's filter replaces them.
 */
export function openFinding(datasetId: DatasetId, finding: FaceFinding): void {
  useDatasetsStore.getState().selectDataset(datasetId)
  useSuspectsStore.getState().setOpen(false)
  useFacesStore.getState().showFinding(finding)
  useUiStore.getState().setScreen('faces')
}
