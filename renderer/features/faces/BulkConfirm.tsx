import { useEffect, useRef } from 'react'

import { useFacesStore } from '../../stores/faces/facesStore'

/**
 * Asks before a relabel or exclusion of many faces (Ctrl+A then a key changes every matching
 * face): the count and the change, Confirm (focused, so Enter confirms) and Cancel (Escape).
 */
export function BulkConfirm() {
  const pending = useFacesStore((s) => s.pendingBulk)
  const confirmRef = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (pending !== null) confirmRef.current?.focus()
  }, [pending])
  if (pending === null) return null
  const { confirmBulk, cancelBulk } = useFacesStore.getState()
  return (
    <div
      className="bulk-confirm"
      role="alertdialog"
      aria-label="Confirm a change to many faces"
      data-testid="bulk-confirm"
      data-count={pending.count}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return
        event.preventDefault()
        cancelBulk()
      }}
    >
      <strong>{pending.message}</strong>
      <span className="spacer" />
      <button
        ref={confirmRef}
        type="button"
        className="small primary"
        onClick={() => void confirmBulk()}
        data-testid="bulk-confirm-yes"
      >
        Yes, change {pending.count.toLocaleString('en-US')} faces
      </button>
      <button type="button" className="small" onClick={cancelBulk} data-testid="bulk-confirm-no">
        Cancel
      </button>
    </div>
  )
}
