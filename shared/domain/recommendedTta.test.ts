import { describe, expect, it } from 'vitest'

import { recommendedTta } from './recommendedTta'
import { TrainingConfig } from './training'

describe('recommendedTta', () => {
  it('is ten-crop for a run trained on random crops', () => {
    expect(recommendedTta(TrainingConfig.parse({ crop: 44 }))).toBe('ten-crop')
    expect(recommendedTta({ crop: 32 })).toBe('ten-crop')
  })

  it('is flip for a run trained on whole faces', () => {
    expect(recommendedTta(TrainingConfig.parse({ crop: null }))).toBe('flip')
  })
})
