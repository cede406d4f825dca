import { describe, expect, it } from 'vitest'

import { EMOTIONS, emotionFromIndex } from './emotion'
import { emotionFromName } from './emotionNames'
import { ferPlusMajority } from './ferplus'
import { splitFromName } from './split'

describe('emotions', () => {
  it('keeps FER2013 order', () => {
    expect(EMOTIONS).toEqual(['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'])
  })
  it('maps common synonyms case-insensitively and rejects unknown names', () => {
    expect(emotionFromName('Anger')).toBe('angry')
    expect(emotionFromName('HAPPINESS')).toBe('happy')
    expect(emotionFromName('fearful')).toBe('fear')
    expect(emotionFromName('disgusted')).toBe('disgust')
    expect(emotionFromName('surprised')).toBe('surprise')
    expect(emotionFromName('sadness')).toBe('sad')
    expect(emotionFromName('contempt')).toBeNull()
  })
  it('maps indices 0..6 only', () => {
    expect(emotionFromIndex(6)).toBe('neutral')
    expect(emotionFromIndex(7)).toBeNull()
    expect(emotionFromIndex(1.5)).toBeNull()
  })
  it('maps FER2013 usages to splits', () => {
    expect(splitFromName('Training')).toBe('train')
    expect(splitFromName('PublicTest')).toBe('validation')
    expect(splitFromName('PrivateTest')).toBe('test')
  })
  it('finds the FER+ majority among our emotions', () => {
    expect(ferPlusMajority([4, 0, 0, 1, 3, 2, 0, 0, 0, 0])).toBe('neutral')
    expect(ferPlusMajority([0, 0, 0, 0, 0, 0, 0, 9, 1, 0])).toBeNull()
    expect(ferPlusMajority([5, 5, 0, 0, 0, 0, 0, 0, 0, 0])).toBeNull()
  })
})
