import { EMOTIONS, EMOTION_COLORS } from '../../../shared/domain'
import { BarList } from '../../components/BarList'

/** The seven probabilities of one face as bars, the predicted one emphasised. */
export function ProbabilityBars({
  probabilities,
  testId,
}: Readonly<{ probabilities: readonly number[]; testId?: string }>) {
  const best = probabilities.indexOf(Math.max(...probabilities))
  return (
    <BarList
      label="Probabilities"
      max={1}
      format={(v) => `${Math.round(v * 100)}%`}
      items={EMOTIONS.map((emotion, k) => ({
        key: emotion,
        label: emotion,
        value: probabilities[k] ?? 0,
        color: EMOTION_COLORS[emotion],
        emphasis: k === best,
      }))}
      {...(testId === undefined ? {} : { testId })}
    />
  )
}
