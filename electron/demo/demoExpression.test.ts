import { describe, expect, it } from 'vitest'

import type { Emotion } from '../../shared/domain/emotion'
import { createRng } from '../training/worker/data/rng'
import type { Expression } from './demoExpression'
import { sampleExpression } from './demoExpression'

/** Mean of each movement over many faces of an emotion. */
function average(emotion: Emotion): Expression {
  const rng = createRng(1)
  const samples = Array.from({ length: 400 }, () => sampleExpression(emotion, rng))
  const keys = Object.keys(samples[0] as Expression) as (keyof Expression)[]
  return Object.fromEntries(
    keys.map((k) => [k, samples.reduce((s, e) => s + e[k], 0) / samples.length]),
  ) as Expression
}

describe('sampleExpression', () => {
  const neutral = average('neutral')
  const happy = average('happy')
  const sad = average('sad')
  const angry = average('angry')
  const surprise = average('surprise')
  const fear = average('fear')
  const disgust = average('disgust')

  it('moves the face the way each emotion does, on average', () => {
    expect(happy.mouthCurve).toBeGreaterThan(neutral.mouthCurve + 0.08)
    expect(happy.eyeLower).toBeLessThan(neutral.eyeLower - 0.2)
    expect(sad.mouthCurve).toBeLessThan(neutral.mouthCurve - 0.06)
    expect(sad.browTilt).toBeGreaterThan(neutral.browTilt + 0.08)
    expect(angry.browTilt).toBeLessThan(neutral.browTilt - 0.08)
    expect(angry.browRaise).toBeLessThan(neutral.browRaise - 0.05)
    expect(surprise.browRaise).toBeGreaterThan(neutral.browRaise + 0.12)
    expect(surprise.mouthBottom).toBeGreaterThan(0.1)
    expect(surprise.mouthWidth).toBeLessThan(neutral.mouthWidth - 0.05)
    expect(fear.eyeOpen).toBeGreaterThan(neutral.eyeOpen + 0.3)
    expect(fear.mouthWidth).toBeGreaterThan(neutral.mouthWidth + 0.04)
    expect(disgust.noseWrinkle).toBeGreaterThan(0.5)
    expect(neutral.mouthTop + neutral.teeth + neutral.noseWrinkle).toBeLessThan(0.01)
  })

  it('leaves some faces weak, so classes overlap a little', () => {
    const rng = createRng(2)
    const curves = Array.from({ length: 400 }, () => sampleExpression('sad', rng).mouthCurve)
    const weak = curves.filter((c) => c > -0.06).length
    expect(weak).toBeGreaterThan(20)
    expect(weak).toBeLessThan(200)
  })
})
