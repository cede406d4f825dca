import { EMOTIONS, EMOTION_COLORS } from '../../shared/domain'
import type { Emotion } from '../../shared/domain'
import './components.css'

type Props = Readonly<{
  /** Called when a legend entry is clicked (the same as pressing its key). */
  onPick?: (emotion: Emotion) => void
  disabled?: boolean
  /** Counts to show beside each emotion, e.g. in the current selection. */
  counts?: Readonly<Partial<Record<Emotion, number>>>
}>

/** The keys 1-7 with their emotions and colours; each entry is also a button. */
export function EmotionLegend({ onPick, disabled = false, counts }: Props) {
  return (
    <div
      className="emotion-legend"
      role="toolbar"
      aria-label="Relabel with keys 1 to 7"
      data-testid="relabel-legend"
    >
      {EMOTIONS.map((emotion, i) => (
        <button
          key={emotion}
          type="button"
          className="emotion-legend-key"
          disabled={disabled || onPick === undefined}
          onClick={() => onPick?.(emotion)}
          data-testid={`relabel-${emotion}`}
          title={`Press ${i + 1} to label the selection ${emotion}`}
        >
          <kbd style={{ borderColor: EMOTION_COLORS[emotion], color: EMOTION_COLORS[emotion] }}>
            {i + 1}
          </kbd>
          <span
            className="emotion-legend-swatch"
            style={{ backgroundColor: EMOTION_COLORS[emotion] }}
          />
          <span>{emotion}</span>
          {counts?.[emotion] !== undefined ? (
            <span className="muted">{counts[emotion]}</span>
          ) : null}
        </button>
      ))}
    </div>
  )
}
