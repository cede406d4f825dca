import type { ReactNode } from 'react'

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
