import { FINDING_RESOLUTIONS, FINDING_TITLES, findingCount } from '../../../shared/domain'
import { formatCount } from '../../lib/format'
import { datasetsSelectors } from '../../stores/datasets/datasetsSelectors'
import { useDatasetsStore } from '../../stores/datasets/datasetsStore'
import { facesSelectors } from '../../stores/faces/facesSelectors'
import { useFacesStore } from '../../stores/faces/facesStore'

/**
 * The finding the grid shows, named in a chip that clears it, with what is left of it and the
 * one action that resolves every group of it (asked first when it changes many faces).
 */
export function FindingChip() {
  const finding = useFacesStore((s) => s.filter.finding)
  const explicit = useFacesStore(facesSelectors.explicit)
  const dataset = useDatasetsStore(datasetsSelectors.current)
  const setFilter = useFacesStore((s) => s.setFilter)
  const resolveFinding = useFacesStore((s) => s.resolveFinding)
  if (finding === undefined || explicit !== null || dataset === null) return null
  const left = findingCount(dataset.duplicates, finding)
  const unit = finding === 'blank' ? 'face' : 'group'
  const resolution = FINDING_RESOLUTIONS[finding]
  return (
    <div className="explicit-banner finding-banner" data-testid="finding-chip">
      <span className="chip on" data-testid="finding-chip-name">
        Finding: {FINDING_TITLES[finding]}
        <button
          type="button"
          className="chip-clear"
          onClick={() => setFilter({ finding: undefined })}
          aria-label={`Clear the finding filter (${FINDING_TITLES[finding]})`}
          data-testid="finding-clear"
        >
          ×
        </button>
      </span>
      <span className="muted" data-testid="finding-left">
        {left === 0 ? 'resolved' : `${formatCount(left)} ${unit}${left === 1 ? '' : 's'} left`}
      </span>
      <span className="spacer" />
      <button
        type="button"
        className="small primary"
        onClick={() => void resolveFinding()}
        disabled={left === 0}
        title={`One undoable step: ${resolution.action}`}
        data-testid="finding-resolve"
      >
        {resolution.button}
      </button>
    </div>
  )
}
