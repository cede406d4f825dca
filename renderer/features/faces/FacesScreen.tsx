import { useRef } from 'react'

import { EmotionLegend } from '../../components/EmotionLegend'
import { EmptyState } from '../../components/EmptyState'
import { datasetsSelectors } from '../../stores/datasets/datasetsSelectors'
import { useDatasetsStore } from '../../stores/datasets/datasetsStore'
import { facesSelectors } from '../../stores/faces/facesSelectors'
import { useFacesStore } from '../../stores/faces/facesStore'
import { useSuspectsStore } from '../../stores/suspects/suspectsStore'
import { useUiStore } from '../../stores/ui/uiStore'
import { SuspectsView } from '../suspects/SuspectsView'
import { FaceDetail } from './FaceDetail'
import { FaceFilters } from './FaceFilters'
import { BulkConfirm } from './BulkConfirm'
import { FaceGrid } from './FaceGrid'
import { FaceToolbar } from './FaceToolbar'
import { FindingChip } from './FindingChip'
import { focusFaceGrid } from './focusFaceGrid'
import { useFacesKeyboard } from './useFacesKeyboard'
import './faces.css'

/** Browse and relabel: filters | toolbar, virtual grid, key legend | detail panel. */
export function FacesScreen() {
  const dataset = useDatasetsStore(datasetsSelectors.current)
  const explicit = useFacesStore(facesSelectors.explicit)
  const total = useFacesStore(facesSelectors.total)
  const status = useFacesStore(facesSelectors.queryStatus)
  const hasTargets = useFacesStore((s) => s.selected.size > 0 || s.focusId !== null)
  const relabel = useFacesStore((s) => s.relabel)
  const clearExplicit = useFacesStore((s) => s.clearExplicit)
  const setScreen = useUiStore((s) => s.setScreen)
  const columnsRef = useRef(1)
  const pageRowsRef = useRef(1)
  const suspectsOpen = useSuspectsStore((s) => s.open)
  useFacesKeyboard(columnsRef, pageRowsRef, !suspectsOpen)

  if (dataset === null) {
    return (
      <EmptyState
        title="No dataset to show"
        action={
          <button type="button" className="primary" onClick={() => setScreen('library')}>
            Go to the Library
          </button>
        }
      >
        Create the demo dataset or import one first.
      </EmptyState>
    )
  }

  return (
    <div className="faces-screen">
      <button
        type="button"
        className="skip-link"
        onClick={focusFaceGrid}
        data-testid="skip-to-grid"
      >
        Skip to the faces (G)
      </button>
      <FaceFilters />
      <section className="faces-main" aria-label="Faces">
        <FaceToolbar />
        <BulkConfirm />
        {suspectsOpen ? <SuspectsView /> : null}
        {suspectsOpen ? null : <FindingChip />}
        {suspectsOpen ? null : explicit ? (
          <div className="explicit-banner" data-testid="explicit-banner">
            <span>
              Showing <strong>{explicit.title}</strong>
            </span>
            <span className="spacer" />
            <button type="button" className="small" onClick={() => setScreen('evaluate')}>
              Back to the matrix
            </button>
            <button
              type="button"
              className="small"
              onClick={clearExplicit}
              data-testid="explicit-clear"
            >
              Show all faces
            </button>
          </div>
        ) : null}
        {suspectsOpen ? null : total === 0 && status === 'ready' ? (
          <div className="faces-none" data-testid="faces-none">
            <p>No face matches these filters.</p>
          </div>
        ) : (
          <FaceGrid columnsRef={columnsRef} pageRowsRef={pageRowsRef} />
        )}
        <div className="faces-legend">
          <EmotionLegend onPick={(emotion) => void relabel(emotion)} disabled={!hasTargets} />
          <span className="muted keys-help">
            <kbd>←↑↓→</kbd> move · <kbd>Shift</kbd> extend · <kbd>Space</kbd> toggle ·{' '}
            <kbd>Ctrl</kbd>+<kbd>A</kbd> all · <kbd>X</kbd> exclude · <kbd>G</kbd> grid ·{' '}
            <kbd>Ctrl</kbd>+<kbd>Z</kbd> undo
          </span>
        </div>
      </section>
      <FaceDetail />
    </div>
  )
}
