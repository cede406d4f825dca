import { describe, expect, it } from 'vitest'

import { formatDurationShort, parseDuration } from './duration'

describe('parseDuration', () => {
  it('reads seconds, minutes, hours and their combinations', () => {
    expect(parseDuration('40s')).toBe(40_000)
    expect(parseDuration('20m')).toBe(1_200_000)
    expect(parseDuration('2h')).toBe(7_200_000)
    expect(parseDuration('1h30m')).toBe(5_400_000)
    expect(parseDuration('1h 30m 15s')).toBe(5_415_000)
    expect(parseDuration('1.5h')).toBe(5_400_000)
    expect(parseDuration('90')).toBe(5_400_000)
  })

  it('refuses what is not a duration', () => {
    for (const bad of ['', 'h', '10x', '30m1h', '1m1m', '-5m', '0s', 'soon', '1h30']) {
      expect(parseDuration(bad)).toBeNull()
    }
  })

  it('formats back', () => {
    expect(formatDurationShort(5_400_000)).toBe('1h30m')
    expect(formatDurationShort(40_000)).toBe('40s')
    expect(formatDurationShort(0)).toBe('0s')
  })
})
