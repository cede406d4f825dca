import { describe, expect, it } from 'vitest'

import { recommendedTta } from './recommendedTta'
import { AugmentConfig, TrainingConfig } from './training'

describe('recommendedTta', () => {
  it('is ten-crop for a run trained on random crops, flip for one on whole faces', () => {
    expect(recommendedTta(TrainingConfig.parse({ crop: 44 }))).toBe('ten-crop')
    expect(recommendedTta(TrainingConfig.parse({ crop: null }))).toBe('flip')
  })

  it('is none for a run that never trained on mirrored faces', () => {
    const noFlip = AugmentConfig.parse({ flip: false })
    expect(recommendedTta(TrainingConfig.parse({ augment: noFlip }))).toBe('none')
    expect(recommendedTta(TrainingConfig.parse({ augment: noFlip, crop: 44 }))).toBe('none')
    expect(recommendedTta(TrainingConfig.parse({ augment: null, crop: 44 }))).toBe('none')
  })

  it("gives the default recipe's runs flip", () => {
    expect(recommendedTta(TrainingConfig.parse({}))).toBe('flip')
  })
})
