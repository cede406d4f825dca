import './components.css'

export type BarItem = Readonly<{
  key: string
  label: string
  value: number
  color: string
  emphasis?: boolean
}>

type Props = Readonly<{
  items: readonly BarItem[]
  /** Value of a full-width bar; defaults to the largest value. */
  max?: number
  format?: (value: number) => string
  label: string
  testId?: string
}>

/** Horizontal bars in plain CSS, for small charts inside panels (votes, probabilities). */
export function BarList({ items, max, format = String, label, testId }: Props) {
  const top = max ?? Math.max(1e-9, ...items.map((i) => i.value))
  return (
    <ul className="bar-list" aria-label={label} data-testid={testId}>
      {items.map((item) => (
        <li key={item.key} className={item.emphasis ? 'bar-list-row emphasis' : 'bar-list-row'}>
          <span className="bar-list-label">{item.label}</span>
          <span className="bar-list-track">
            <span
              className="bar-list-fill"
              style={{
                width: `${Math.min(100, (item.value / top) * 100)}%`,
                backgroundColor: item.color,
              }}
            />
          </span>
          <span className="bar-list-value">{format(item.value)}</span>
        </li>
      ))}
    </ul>
  )
}
