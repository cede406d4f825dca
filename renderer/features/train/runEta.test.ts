import { describe, expect, it } from 'vitest'

import { formatDuration } from '../../lib/format'
import { runEtaText } from './runEta'

describe('runEtaText', () => {
  it('gives a time only while the run trains; a paused run has no ETA', () => {
    expect(runEtaText('running', 65_000)).toBe(formatDuration(65_000))
    expect(runEtaText('queued', 65_000)).toBe(formatDuration(65_000))
    expect(runEtaText('paused', 65_000)).toBe('paused')
    expect(runEtaText('completed', 65_000)).toBe('done')
    expect(runEtaText('cancelled', 65_000)).toBe('—')
    expect(runEtaText('interrupted', 65_000)).toBe('—')
  })
})
