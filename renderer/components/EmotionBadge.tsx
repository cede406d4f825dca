import type { Emotion } from '../../shared/domain'
import { EMOTION_COLORS } from '../../shared/domain'
import { EMOTION_SHORT } from '../lib/emotionKeys'
import './components.css'

type Props = Readonly<{
  emotion: Emotion
  /** Short three-letter name for dense places. */
  short?: boolean
  /** Shown as a tooltip and to screen readers, e.g. "label" or "predicted". */
  title?: string
}>

/** An emotion's name on its colour: the same badge in the grid, the detail panel and tables. */
export function EmotionBadge({ emotion, short = false, title }: Props) {
  return (
    <span
      className="emotion-badge"
      style={{ backgroundColor: EMOTION_COLORS[emotion] }}
      title={title ? `${title}: ${emotion}` : emotion}
      data-emotion={emotion}
    >
      {short ? EMOTION_SHORT[emotion] : emotion}
    </span>
  )
}
