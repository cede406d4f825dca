import affectnet from '../../datasets/affectnet.json' with { type: 'json' }
import ckplus from '../../datasets/ckplus.json' with { type: 'json' }
import fer2013 from '../../datasets/fer2013.json' with { type: 'json' }
import ferplus from '../../datasets/ferplus.json' with { type: 'json' }
import jaffe from '../../datasets/jaffe.json' with { type: 'json' }
import labelNames from '../../datasets/label-names.json' with { type: 'json' }
import rafdb from '../../datasets/rafdb.json' with { type: 'json' }
import type { z } from 'zod'

import { LabelNames, PublicDataset } from './publicDataset'

/** Parses one data file, or throws an error naming the file and each bad field. */
export function parseDataFile<T extends z.ZodType>(
  file: string,
  schema: T,
  json: unknown,
): z.output<T> {
  const parsed = schema.safeParse(json)
  if (parsed.success) return parsed.data
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
  throw new Error(`${file}: ${problems.join('; ')}`)
}

/**
 * The public FER datasets the studio knows, parsed from datasets/*.json when this module loads,
 * so a malformed file fails at start-up (and in its test), never halfway through an import.
 */
export const DATASET_CATALOG: readonly PublicDataset[] = [
  parseDataFile('datasets/fer2013.json', PublicDataset, fer2013),
  parseDataFile('datasets/ferplus.json', PublicDataset, ferplus),
  parseDataFile('datasets/ckplus.json', PublicDataset, ckplus),
  parseDataFile('datasets/rafdb.json', PublicDataset, rafdb),
  parseDataFile('datasets/affectnet.json', PublicDataset, affectnet),
  parseDataFile('datasets/jaffe.json', PublicDataset, jaffe),
]

/** Other spellings of our labels seen in releases. */
export const LABEL_NAMES: LabelNames = parseDataFile(
  'datasets/label-names.json',
  LabelNames,
  labelNames,
)

/** One dataset of the catalog by id; throws for an id the catalog does not have. */
export function publicDataset(id: string): PublicDataset {
  const found = DATASET_CATALOG.find((d) => d.id === id)
  if (!found) throw new Error(`datasets/: no dataset '${id}'`)
  return found
}
