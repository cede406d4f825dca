import { useEffect, useState } from 'react'
import type { ReactNode } from 'react'

type Props = Readonly<{
  onConfirm: () => void
  children: ReactNode
  confirmLabel: string
  className?: string
  testId?: string
}>

/** A button that asks "sure?" in place on the first click (no modal, no window.confirm). */
export function ConfirmButton({
  onConfirm,
  children,
  confirmLabel,
  className = 'danger',
  testId,
}: Props) {
  const [armed, setArmed] = useState(false)
  useEffect(() => {
    if (!armed) return
    const timer = setTimeout(() => setArmed(false), 4000)
    return () => clearTimeout(timer)
  }, [armed])
  return (
    <button
      type="button"
      className={armed ? `${className} armed` : className}
      data-testid={testId}
      onClick={() => {
        if (armed) {
          setArmed(false)
          onConfirm()
        } else setArmed(true)
      }}
    >
      {armed ? confirmLabel : children}
    </button>
  )
}
