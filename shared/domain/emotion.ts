/**
 * The seven FER2013 emotions, in FER2013's label order (0..6). Every FER dataset file uses this
 * order, so the index of an emotion here is its numeric label everywhere in the project.
 */
export const EMOTIONS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'] as const

export type Emotion = (typeof EMOTIONS)[number]

/** Number of classes; a model's output layer has this many units. */
export const NUM_EMOTIONS = EMOTIONS.length

/** The emotion for a FER2013 numeric label, or null when it is outside 0..6 or not an integer. */
export function emotionFromIndex(index: number): Emotion | null {
  return Number.isInteger(index) ? (EMOTIONS[index] ?? null) : null
}

export function emotionIndex(emotion: Emotion): number {
  return EMOTIONS.indexOf(emotion)
}

/**
 * One colour per emotion, used everywhere (grid badges, charts, matrix). Chosen for contrast on
 * both light and dark backgrounds and to stay distinguishable for common colour blindness.
 */
export const EMOTION_COLORS: Readonly<Record<Emotion, string>> = {
  angry: '#d64541',
  disgust: '#5b8c2a',
  fear: '#8e5cc7',
  happy: '#e0a800',
  sad: '#3b7dd8',
  surprise: '#e4731b',
  neutral: '#7d8794',
}
