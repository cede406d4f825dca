import { facesSelectors } from '../../stores/faces/facesSelectors'
import { useFacesStore } from '../../stores/faces/facesStore'

/**
 * Says what "likely mislabelled first" rests on when no model has predicted yet: FER+
 * disagreement where votes are attached, else nothing (import order).
 */
export function SortBasisNote() {
  const sort = useFacesStore(facesSelectors.sort)
  const basis = useFacesStore((s) => s.sortBasis)
  const explicit = useFacesStore(facesSelectors.explicit)
  if (sort !== 'suspicion' || explicit !== null || basis === null || basis === 'model') return null
  return (
    <span className="muted sort-basis" role="status" data-testid="sort-basis">
      {basis === 'ferplus'
        ? 'No model yet: FER+ majority disagreeing with the label first'
        : 'No model and no FER+ votes: import order'}
    </span>
  )
}
