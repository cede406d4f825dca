import { z } from 'zod'

import { NUM_EMOTIONS } from './emotion'
import { ExclusionCounts } from './exclusion'
import { DatasetId } from './ids'

/** Faces are stored square and grayscale at this many pixels a side unless a dataset says otherwise. */
export const DEFAULT_FACE_SIZE = 48

/** Formats an importer understands; `detect` picks one from a path. */
export const ImportFormat = z.enum(['fer2013-csv', 'folder', 'manifest'])
export type ImportFormat = z.infer<typeof ImportFormat>

/** Seven counts, one per emotion in FER2013 order. */
export const ClassCounts = z.array(z.number().int().nonnegative()).length(NUM_EMOTIONS)
export type ClassCounts = z.infer<typeof ClassCounts>

/** Exact-duplicate findings, by content hash of the stored (normalised) pixels. */
export const DuplicateSummary = z.object({
  /** Groups of two or more pixel-identical faces. */
  groups: z.number().int(),
  /** Faces that belong to some group. */
  facesInGroups: z.number().int(),
  /** Groups whose faces sit in more than one split: train/test leakage. */
  crossSplitGroups: z.number().int(),
  /** Groups whose faces carry different labels. */
  conflictingGroups: z.number().int(),
  /** Faces whose pixels are all one value. */
  blankFaces: z.number().int(),
})
export type DuplicateSummary = z.infer<typeof DuplicateSummary>

export const DatasetSummary = z.object({
  id: DatasetId,
  name: z.string(),
  /** What it was imported from: a format name or 'demo'. */
  source: z.string(),
  sourcePath: z.string().nullable(),
  faceSize: z.number().int().positive(),
  createdAt: z.number(),
  /** Every stored face, excluded ones included. */
  faceCount: z.number().int(),
  /** Per split, seven counts by current label, of the faces not excluded. */
  counts: z.object({ train: ClassCounts, validation: ClassCounts, test: ClassCounts }),
  /** Faces left out of training, evaluation, balance and exports, by reason. */
  excluded: ExclusionCounts,
  hasFerPlus: z.boolean(),
  duplicates: DuplicateSummary,
})
export type DatasetSummary = z.infer<typeof DatasetSummary>

/** One rejected input row or file, as written to the `--skip-bad` report. */
export const RejectedInput = z.object({
  file: z.string(),
  /** 1-based data row (CSV) or null for a file in a folder. */
  row: z.number().int().nullable(),
  reason: z.string(),
})
export type RejectedInput = z.infer<typeof RejectedInput>

export const ImportReport = z.object({
  datasetId: DatasetId,
  name: z.string(),
  format: ImportFormat,
  imported: z.number().int(),
  rejected: z.number().int(),
  /** Path of the report of rejected rows, when any were skipped. */
  rejectedReportPath: z.string().nullable(),
  /** The first rejected rows, for display. */
  rejectedSample: z.array(RejectedInput),
  counts: z.object({ train: ClassCounts, validation: ClassCounts, test: ClassCounts }),
  duplicates: DuplicateSummary,
  durationMs: z.number(),
})
export type ImportReport = z.infer<typeof ImportReport>

export const ImportPhase = z.enum(['reading', 'hashing', 'committing', 'done'])
export type ImportPhase = z.infer<typeof ImportPhase>
