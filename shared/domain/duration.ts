/**
 * A duration as people type it, in ms: '40s', '20m', '2h', '1h30m', '1.5h', '2m30s', or a bare
 * number of minutes. Null when the text is not one (or is zero).
 */
export function parseDuration(text: string): number | null {
  const value = text.toLowerCase().replace(/\s+/g, '')
  if (/^\d+(\.\d+)?$/.test(value)) return positive(Number(value) * 60_000)
  const unitMs: Readonly<Record<string, number>> = { h: 3_600_000, m: 60_000, s: 1000 }
  const pattern = /(\d+(?:\.\d+)?)(h|m|s)/gy
  let total = 0
  let consumed = 0
  let lastUnit = -1
  for (let match = pattern.exec(value); match; match = pattern.exec(value)) {
    const unit = 'hms'.indexOf(match[2]!)
    // Units in order, each at most once: '1h30m' yes, '30m1h' or '1m1m' no.
    if (unit <= lastUnit) return null
    lastUnit = unit
    total += Number(match[1]) * unitMs[match[2]!]!
    consumed = pattern.lastIndex
  }
  return consumed === value.length && consumed > 0 ? positive(total) : null
}

/** 5_400_000 -> '1h30m'; 40_000 -> '40s' (whole seconds). */
export function formatDurationShort(ms: number): string {
  const total = Math.round(ms / 1000)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const parts = [h > 0 ? `${h}h` : '', m > 0 ? `${m}m` : '', s > 0 ? `${s}s` : '']
  return parts.join('') || '0s'
}

function positive(ms: number): number | null {
  return Number.isFinite(ms) && ms > 0 ? Math.round(ms) : null
}
