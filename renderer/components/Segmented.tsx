import './components.css'

type Option<T extends string> = Readonly<{ value: T; label: string }>

type Props<T extends string> = Readonly<{
  value: T
  options: readonly Option<T>[]
  onChange: (value: T) => void
  label: string
  testId?: string
}>

/** A row of mutually exclusive toggle buttons (a radio group that looks like tabs). */
export function Segmented<T extends string>({ value, options, onChange, label, testId }: Props<T>) {
  return (
    <div className="segmented" role="radiogroup" aria-label={label} data-testid={testId}>
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          role="radio"
          aria-checked={option.value === value}
          className={option.value === value ? 'active' : undefined}
          onClick={() => onChange(option.value)}
        >
          {option.label}
        </button>
      ))}
    </div>
  )
}
