import { z } from 'zod'

import { EMOTIONS } from './emotion'
import { SPLITS } from './split'

/**
 * What the studio knows about a public FER dataset, as kept in the datasets/ folder at the root
 * of the repository (one JSON file each, with a Markdown page for people beside it).
 */

/** The importer that reads a layout: the three dataset formats, or FER+ votes on a dataset. */
export const PublicDatasetFormat = z.enum(['fer2013-csv', 'folder', 'manifest', 'ferplus-votes'])

export const PublicDatasetClass = z.object({
  /** As the dataset's files or papers write it. */
  name: z.string().min(1),
  /** The numeric label its files use, when they use one (not always FER2013's order). */
  index: z.number().int().nonnegative().nullable(),
  /** The code in its file names, when it has one (JAFFE's `AN`, `HA`, ...). */
  code: z.string().min(1).optional(),
  /** Our label for it, or null when it has none (contempt, unknown, not a face): not imported. */
  emotion: z.enum(EMOTIONS).nullable(),
})
export type PublicDatasetClass = z.infer<typeof PublicDatasetClass>

export const PublicDatasetSplit = z.object({
  /** As the dataset names it (FER2013's `Usage` values, folder names, ...). */
  name: z.string().min(1),
  split: z.enum(SPLITS).nullable(),
  /** Faces in it, when the release fixes the number. */
  faces: z.number().int().positive().nullable(),
})

export const PublicDataset = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    name: z.string().min(1),
    summary: z.string().min(1),
    homepage: z.url(),
    images: z.string().min(1),
    formats: z.array(z.object({ format: PublicDatasetFormat, layout: z.string().min(1) })).min(1),
    classes: z.array(PublicDatasetClass).min(1),
    /** Empty when the release has no official split (subject-independent folds instead). */
    splits: z.array(PublicDatasetSplit),
    licence: z.string().min(1),
    citation: z.string().min(1),
  })
  .superRefine((dataset, ctx) => {
    const seen = new Set<string>()
    for (const c of dataset.classes) {
      if (c.emotion === null) continue
      if (seen.has(c.emotion)) {
        ctx.addIssue({
          code: 'custom',
          message: `two classes map to ${c.emotion}`,
          path: ['classes'],
        })
      }
      seen.add(c.emotion)
    }
  })
export type PublicDataset = z.infer<typeof PublicDataset>

/** Other spellings of our labels seen in releases (datasets/label-names.json). */
export const LabelNames = z.object({
  description: z.string(),
  names: z.record(z.string().regex(/^[a-z][a-z-]*$/), z.enum(EMOTIONS)),
})
export type LabelNames = z.infer<typeof LabelNames>
