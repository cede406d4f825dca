import type { ReactNode } from 'react'

import { EMOTIONS } from '../../../shared/domain'
import type { Emotion } from '../../../shared/domain'
import { EmotionDot } from '../../components/EmotionDot'

type Props<T extends string> = Readonly<{
  label: string
  options: readonly T[]
  value: readonly T[] | undefined
  onChange: (next: readonly T[] | undefined) => void
  render?: (option: T) => ReactNode
  testIdPrefix: string
  disabled?: boolean
}>

/** A multi-select row of toggle chips; none pressed means "any". */
export function ChipGroup<T extends string>({
  label,
  options,
  value,
  onChange,
  render,
  testIdPrefix,
  disabled,
}: Props<T>) {
  const chosen = new Set(value ?? [])
  const toggle = (option: T): void => {
    const next = new Set(chosen)
    if (next.has(option)) next.delete(option)
    else next.add(option)
    onChange(next.size === 0 ? undefined : options.filter((o) => next.has(o)))
  }
  return (
    <fieldset className="chip-group" disabled={disabled}>
      <legend>{label}</legend>
      <div className="chips">
        {options.map((option) => (
          <button
            key={option}
            type="button"
            className={chosen.has(option) ? 'chip on' : 'chip'}
            aria-pressed={chosen.has(option)}
            onClick={() => toggle(option)}
            data-testid={`${testIdPrefix}-${option}`}
          >
            {render ? render(option) : option}
          </button>
        ))}
      </div>
    </fieldset>
  )
}

const emotionChip = (emotion: Emotion) => (
  <>
    <EmotionDot emotion={emotion} />
    {emotion}
  </>
)

type EmotionProps = Readonly<{
  label: string
  value: readonly Emotion[] | undefined
  onChange: (next: Emotion[] | undefined) => void
  testIdPrefix: string
}>

/** A ChipGroup over the seven emotions, in FER2013 order, each chip with its colour dot. */
export function EmotionChipGroup({ label, value, onChange, testIdPrefix }: EmotionProps) {
  return (
    <ChipGroup
      label={label}
      options={EMOTIONS}
      value={value}
      onChange={(next) => onChange(next as Emotion[] | undefined)}
      render={emotionChip}
      testIdPrefix={testIdPrefix}
    />
  )
}
