import { EMOTIONS } from '../../shared/domain'
import type { Emotion } from '../../shared/domain'

/** Keys 1..7 give the emotions in FER2013 order (1 angry ... 7 neutral). */
export function emotionForKey(key: string): Emotion | null {
  const n = Number(key)
  return Number.isInteger(n) && n >= 1 && n <= 7 ? (EMOTIONS[n - 1] ?? null) : null
}

/** The key that gives an emotion, for legends. */
export function keyForEmotion(emotion: Emotion): number {
  return EMOTIONS.indexOf(emotion) + 1
}

/** Short names for dense places (tiles, matrix axes). */
export const EMOTION_SHORT: Readonly<Record<Emotion, string>> = {
  angry: 'ang',
  disgust: 'dis',
  fear: 'fea',
  happy: 'hap',
  sad: 'sad',
  surprise: 'sur',
  neutral: 'neu',
}
