import { EMOTIONS, EMOTION_COLORS } from '../../../shared/domain'
import { formatCount } from '../../lib/format'

/** One stacked bar of the seven class shares, so imbalance shows at a glance in the table. */
export function ClassMixBar({ counts }: Readonly<{ counts: readonly number[] }>) {
  const total = counts.reduce((a, b) => a + b, 0)
  return (
    <span
      className="class-mix"
      role="img"
      aria-label={EMOTIONS.map((e, i) => `${e} ${counts[i] ?? 0}`).join(', ')}
      title={EMOTIONS.map((e, i) => `${e}: ${formatCount(counts[i] ?? 0)}`).join('\n')}
    >
      {EMOTIONS.map((emotion, i) =>
        (counts[i] ?? 0) > 0 ? (
          <span
            key={emotion}
            style={{ flexGrow: counts[i] ?? 0, backgroundColor: EMOTION_COLORS[emotion] }}
          />
        ) : null,
      )}
      {total === 0 ? <span className="class-mix-empty" /> : null}
    </span>
  )
}
