import type { FaceSort } from '../../../shared/domain'
import { formatCount } from '../../lib/format'
import { ExcludeMenu } from './ExcludeMenu'
import { SortBasisNote } from './SortBasisNote'
import { facesSelectors } from '../../stores/faces/facesSelectors'
import { useFacesStore } from '../../stores/faces/facesStore'
import { useSuspectsStore } from '../../stores/suspects/suspectsStore'

/** What the model's word is worth: a face it trained on is one it has learnt to agree with. */
const HELD_OUT_NOTE =
  'Trust it most on validation and test faces: on train faces the model saw the labels.'

const SORTS: readonly Readonly<{ value: FaceSort; label: string; hint: string }>[] = [
  { value: 'id', label: 'Import order', hint: 'In the order the faces were imported.' },
  {
    value: 'suspicion',
    label: 'Likely mislabelled first',
    hint: `Faces whose label the model finds least likely come first. ${HELD_OUT_NOTE}`,
  },
  {
    value: 'confidence-asc',
    label: 'Least confident first',
    hint: `Faces the model is least sure about come first. ${HELD_OUT_NOTE}`,
  },
  {
    value: 'confidence-desc',
    label: 'Most confident first',
    hint: `Faces the model is surest about come first. ${HELD_OUT_NOTE}`,
  },
]

/** Counts, sort, selection, exclusion and undo/redo above the grid. */
export function FaceToolbar() {
  const total = useFacesStore(facesSelectors.total)
  const selectedCount = useFacesStore(facesSelectors.selectedCount)
  const sort = useFacesStore(facesSelectors.sort)
  const status = useFacesStore(facesSelectors.queryStatus)
  const canUndo = useFacesStore(facesSelectors.canUndo)
  const canRedo = useFacesStore(facesSelectors.canRedo)
  const advance = useFacesStore((s) => s.advanceAfterRelabel)
  const explicit = useFacesStore(facesSelectors.explicit)
  const suspectsOpen = useSuspectsStore((s) => s.open)
  const setSuspectsOpen = useSuspectsStore((s) => s.setOpen)
  const { setSort, selectAllMatching, clearSelection, undo, redo, setAdvanceAfterRelabel } =
    useFacesStore.getState()
  return (
    <div className="face-toolbar">
      <span className="face-count">
        <strong data-testid="face-count">{formatCount(total)}</strong> faces
        {status === 'loading' ? <span className="muted"> · loading…</span> : null}
      </span>
      <span className="muted" data-testid="selection-count" data-count={selectedCount}>
        {selectedCount > 0 ? `${formatCount(selectedCount)} selected` : 'none selected'}
      </span>
      <button
        type="button"
        className="small"
        onClick={selectAllMatching}
        disabled={total === 0}
        data-testid="select-all"
        title="Ctrl+A"
      >
        Select all
      </button>
      <button
        type="button"
        className="small ghost"
        onClick={clearSelection}
        disabled={selectedCount === 0}
        title="Escape"
      >
        Clear
      </button>
      <ExcludeMenu />
      <span className="spacer" />
      <button
        type="button"
        className={suspectsOpen ? 'small primary' : 'small'}
        aria-pressed={suspectsOpen}
        onClick={() => setSuspectsOpen(!suspectsOpen)}
        data-testid="suspects-toggle"
        title="Faces whose label is probably wrong (out-of-fold predictions + confident learning), most likely first"
      >
        Suspects
      </button>
      <SortBasisNote />
      <label className="row">
        <span className="visually-hidden">Sort</span>
        <select
          value={sort}
          onChange={(e) => setSort(e.target.value as FaceSort)}
          data-testid="sort-select"
          disabled={explicit !== null}
          title={SORTS.find((s) => s.value === sort)?.hint}
        >
          {SORTS.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="small"
        onClick={() => void undo()}
        disabled={!canUndo}
        data-testid="undo-button"
        title="Undo (Ctrl+Z)"
      >
        ↶ Undo
      </button>
      <button
        type="button"
        className="small"
        onClick={() => void redo()}
        disabled={!canRedo}
        data-testid="redo-button"
        title="Redo (Ctrl+Shift+Z)"
      >
        ↷ Redo
      </button>
      <label className="row" title="After labelling one face with a key, move to the next">
        <input
          type="checkbox"
          checked={advance}
          onChange={(e) => setAdvanceAfterRelabel(e.target.checked)}
        />
        <span>Auto-advance</span>
      </label>
    </div>
  )
}
