const integer = new Intl.NumberFormat('en-US')

/** 35887 → "35,887". */
export function formatCount(n: number): string {
  return integer.format(n)
}

/** 0.6712 → "67.1%". */
export function formatPercent(x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined || !Number.isFinite(x)
    ? '—'
    : `${(x * 100).toFixed(digits)}%`
}

/** A loss or metric with three significant decimals, or a dash. */
export function formatNumber(x: number | null | undefined, digits = 3): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits)
}

/** Three significant digits with a unit: 4496903 → "4.50 M", 251000 → "251 k". */
export function formatCompact(n: number): string {
  const three = (x: number): string =>
    x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)
  if (n >= 1e9) return `${three(n / 1e9)} G`
  if (n >= 1e6) return `${three(n / 1e6)} M`
  if (n >= 1e3) return `${three(n / 1e3)} k`
  return String(n)
}

/** Milliseconds as "1 h 02 min", "3 min 05 s" or "12 s". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '—'
  const s = Math.round(ms / 1000)
  if (s < 60) return `${s} s`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`
}

/** Epoch ms as a short local date and time. */
export function formatDateTime(ms: number): string {
  return new Date(ms).toLocaleString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  })
}

/** The last part of a path, without its extension: a good default dataset name. */
export function baseName(path: string): string {
  const last =
    path
      .replace(/[\\/]+$/, '')
      .split(/[\\/]/)
      .pop() ?? ''
  return last.replace(/\.(csv|gz|zip)$/i, '').replace(/\.csv$/i, '')
}
