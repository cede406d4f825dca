import { DATASET_CATALOG, LABEL_NAMES } from './datasetCatalog'
import type { Emotion } from './emotion'
import { EMOTIONS } from './emotion'
import type { PublicDataset } from './publicDataset'

const normalise = (name: string) => name.trim().toLowerCase()

/**
 * The class names the importers accept, lower-cased, to our emotions: our own seven, every class
 * of a catalog dataset that has an emotion, and the other spellings. A name two sources map to
 * different emotions is a data error, thrown when the table is built.
 */
export function buildEmotionNames(
  catalog: readonly PublicDataset[],
  otherNames: Readonly<Record<string, Emotion>>,
): ReadonlyMap<string, Emotion> {
  const table = new Map<string, Emotion>()
  const add = (name: string, emotion: Emotion, source: string) => {
    const key = normalise(name)
    const known = table.get(key)
    if (known !== undefined && known !== emotion) {
      throw new Error(`${source}: '${name}' means ${emotion} here but ${known} elsewhere`)
    }
    table.set(key, emotion)
  }
  for (const emotion of EMOTIONS) add(emotion, emotion, 'shared/domain/emotion.ts')
  for (const dataset of catalog) {
    for (const c of dataset.classes) {
      if (c.emotion !== null) add(c.name, c.emotion, `datasets/${dataset.id}.json`)
    }
  }
  for (const [name, emotion] of Object.entries(otherNames)) {
    add(name, emotion, 'datasets/label-names.json')
  }
  return table
}

const EMOTION_NAMES = buildEmotionNames(DATASET_CATALOG, LABEL_NAMES.names)

/**
 * Maps a class name from any dataset in datasets/ (case-insensitive, surrounding spaces ignored)
 * to our emotion, or null when the name is not one we know or has no emotion (contempt). Callers
 * must treat null as an error that names the input, never as a new class.
 */
export function emotionFromName(name: string): Emotion | null {
  return EMOTION_NAMES.get(normalise(name)) ?? null
}
