import type { Emotion } from '../../shared/domain'
import { EMOTION_COLORS } from '../../shared/domain'
import './components.css'

/** A small disc in the emotion's colour, beside a name in lists and axis labels. */
export function EmotionDot({ emotion }: Readonly<{ emotion: Emotion }>) {
  return (
    <span
      className="emotion-dot"
      style={{ backgroundColor: EMOTION_COLORS[emotion] }}
      aria-hidden="true"
    />
  )
}
