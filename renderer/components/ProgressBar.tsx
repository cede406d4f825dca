import './components.css'

type Props = Readonly<{
  /** Done so far; null = indeterminate. */
  value: number | null
  max: number | null
  label: string
  testId?: string
}>

/** A thin accessible progress bar; indeterminate (striped) when the total is unknown. */
export function ProgressBar({ value, max, label, testId }: Props) {
  const known = value !== null && max !== null && max > 0
  const fraction = known ? Math.min(1, Math.max(0, value / max)) : null
  return (
    <div
      className={fraction === null ? 'progress progress-indeterminate' : 'progress'}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={known ? max : undefined}
      aria-valuenow={known ? value : undefined}
      data-testid={testId}
    >
      <div
        className="progress-fill"
        style={{ width: fraction === null ? '30%' : `${fraction * 100}%` }}
      />
    </div>
  )
}
