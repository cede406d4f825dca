import { useEffect } from 'react'

import { isTypingTarget, useWindowKeys } from '../../lib/keyboard'
import { formatCount } from '../../lib/format'
import { suspectsSelectors, useSuspectsStore } from '../../stores/suspects/suspectsStore'
import { NoisePanel } from './NoisePanel'
import { SuspectTile } from './SuspectTile'
import './suspects.css'

/** Tiles per row the arrow keys assume when moving up and down. */
const ROW = 4

/**
 * The Suspects view of the Faces screen: the latest suspects job's unreviewed suspects, most
 * likely wrong first. `A` accepts the suggestion (undoable with Ctrl+Z), `K` keeps the label;
 * either way the face does not come back. Beside them, the estimated noise matrix.
 */
export function SuspectsView() {
  const suspects = useSuspectsStore((s) => s.suspects)
  const counts = useSuspectsStore((s) => s.counts)
  const focus = useSuspectsStore((s) => s.focus)
  const status = useSuspectsStore((s) => s.status)
  const jobId = useSuspectsStore((s) => s.jobId)
  const detail = useSuspectsStore((s) => s.detail)
  const focused = useSuspectsStore(suspectsSelectors.focused)
  const { acceptFocused, keepFocused, moveFocus } = useSuspectsStore.getState()

  useWindowKeys((event) => {
    if (isTypingTarget(event.target) || event.ctrlKey || event.metaKey || event.altKey) return
    const key = event.key.toLowerCase()
    const moves: Record<string, number> = {
      arrowleft: -1,
      arrowright: 1,
      arrowup: -ROW,
      arrowdown: ROW,
    }
    if (key === 'a') void acceptFocused()
    else if (key === 'k') void keepFocused()
    else if (moves[key] !== undefined) moveFocus(moves[key])
    else return
    event.preventDefault()
  })

  useEffect(() => {
    document
      .getElementById(`suspect-${focused?.faceId ?? ''}`)
      ?.scrollIntoView?.({ block: 'nearest' })
  }, [focused])

  return (
    <div className="suspects-view" data-testid="suspects-view">
      <div className="suspects-bar">
        <span data-testid="suspect-counts">
          <strong data-testid="suspects-remaining">{formatCount(counts.remaining)}</strong>{' '}
          remaining · <span data-testid="suspects-accepted">{formatCount(counts.accepted)}</span>{' '}
          accepted · <span data-testid="suspects-kept">{formatCount(counts.kept)}</span> kept
        </span>
        <span className="spacer" />
        <button
          type="button"
          className="small"
          disabled={!focused}
          onClick={() => void acceptFocused()}
          data-testid="suspect-accept"
        >
          Accept suggestion <kbd>A</kbd>
        </button>
        <button
          type="button"
          className="small"
          disabled={!focused}
          onClick={() => void keepFocused()}
          data-testid="suspect-keep"
        >
          Keep label <kbd>K</kbd>
        </button>
      </div>
      {jobId === null && status === 'ready' ? (
        <p className="muted" data-testid="suspects-none">
          No suspects job has finished for this dataset yet. Run one from the command line:{' '}
          <code>fer-studio suspects --dataset &lt;name&gt;</code>
        </p>
      ) : (
        <div className="suspects-body">
          <div className="suspects-grid" role="listbox" aria-label="Suspect faces">
            {suspects.map((s, i) => (
              <div key={s.faceId} id={`suspect-${s.faceId}`}>
                <SuspectTile
                  suspect={s}
                  focused={i === focus}
                  onFocus={() => useSuspectsStore.setState({ focus: i })}
                />
              </div>
            ))}
          </div>
          {detail ? <NoisePanel detail={detail} /> : null}
        </div>
      )}
    </div>
  )
}
