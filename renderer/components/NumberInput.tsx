import { useEffect, useState } from 'react'
import type { InputHTMLAttributes } from 'react'

type Props = Readonly<
  Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type' | 'min' | 'max'> & {
    value: number | null
    /** Called with every valid number typed (and null for an empty field when `allowEmpty`). */
    onValue: (value: number | null) => void
    min?: number
    max?: number
    integer?: boolean
    allowEmpty?: boolean
  }
>

/**
 * A number field that lets people type freely (clear it, type "20") and only reports values
 * that are valid; on blur it shows the last valid value again.
 */
export function NumberInput({
  value,
  onValue,
  min,
  max,
  integer = false,
  allowEmpty = false,
  ...rest
}: Props) {
  const [text, setText] = useState(value === null ? '' : String(value))
  useEffect(() => {
    setText((current) =>
      Number(current) === value && current !== '' ? current : value === null ? '' : String(value),
    )
  }, [value])
  return (
    <input
      {...rest}
      type="number"
      min={min}
      max={max}
      value={text}
      onChange={(e) => {
        const raw = e.target.value
        setText(raw)
        if (raw.trim() === '') {
          if (allowEmpty) onValue(null)
          return
        }
        const n = Number(raw)
        if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) return
        if ((min !== undefined && n < min) || (max !== undefined && n > max)) return
        onValue(n)
      }}
      onBlur={(e) => {
        setText(value === null ? '' : String(value))
        rest.onBlur?.(e)
      }}
    />
  )
}
