import { EXCLUSION_REASONS, EXCLUSION_TITLES } from '../../../shared/domain/exclusion'
import type { ExclusionReason } from '../../../shared/domain/exclusion'
import { useFacesStore } from '../../stores/faces/facesStore'

/**
 * Excludes the selection (or the focused face) with a reason, or includes it again: the toolbar's
 * twin of the X / Shift+X keys, one undoable step like a relabel.
 */
export function ExcludeMenu() {
  const hasTargets = useFacesStore((s) => s.selected.size > 0 || s.focusId !== null)
  const exclude = useFacesStore((s) => s.exclude)
  return (
    <>
      <label className="row">
        <span className="visually-hidden">Exclude</span>
        <select
          value=""
          disabled={!hasTargets}
          data-testid="exclude-menu"
          title="Leave the selected faces out of training, evaluation, counts and exports (X)"
          onChange={(event) => {
            const reason = event.target.value as ExclusionReason | ''
            if (reason !== '') void exclude(reason)
          }}
        >
          <option value="">Exclude…</option>
          {EXCLUSION_REASONS.map((reason) => (
            <option key={reason} value={reason}>
              {EXCLUSION_TITLES[reason]}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="small"
        disabled={!hasTargets}
        onClick={() => void exclude(null)}
        data-testid="include-button"
        title="Include the selected faces again (Shift+X)"
      >
        Include
      </button>
    </>
  )
}
