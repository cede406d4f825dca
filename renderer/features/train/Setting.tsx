import type { ReactNode } from 'react'

/** One setting of a new run: its label, its control and one line on what it does. */
export function Setting({
  label,
  hint,
  children,
}: Readonly<{ label: string; hint: string; children: ReactNode }>) {
  return (
    <label className="setting">
      <span className="setting-label">{label}</span>
      {children}
      <span className="hint">{hint}</span>
    </label>
  )
}
