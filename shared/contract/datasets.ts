import { z } from 'zod'

import { DatasetSummary, ImportFormat, ImportPhase, ImportReport } from '../domain/dataset'
import { DatasetId, ImportJobId } from '../domain/ids'
import { isAbsolutePath } from '../domain/paths'
import { StudioErrorSchema } from '../transport/envelope'
import type { EventGroup, MethodGroup } from './define'

export const datasetMethods = {
  /** All datasets with their counts, newest first. */
  'datasets.list': { input: z.object({}), output: z.array(DatasetSummary) },
  /** One dataset with its counts; NOT_FOUND when it does not exist. */
  'datasets.get': { input: z.object({ datasetId: DatasetId }), output: DatasetSummary },
  /** Looks at a file or folder and says which import format it is, or INVALID_INPUT why not. */
  'datasets.detectFormat': {
    input: z.object({ path: z.string().min(1) }),
    output: z.object({ format: ImportFormat, description: z.string() }),
  },
  /**
   * Starts an import in the background and returns its job id at once; progress comes as
   * `datasets.importProgressed`, the end as `datasets.importFinished` or `datasets.importFailed`.
   * All-or-nothing unless skipBad: on failure no part of the new dataset remains.
   */
  'datasets.import': {
    input: z.object({
      path: z.string().min(1),
      name: z.string().min(1).max(200),
      format: ImportFormat.optional(),
      skipBad: z.boolean().default(false),
      faceSize: z.number().int().min(16).max(256).optional(),
    }),
    output: z.object({ jobId: ImportJobId }),
  },
  /**
   * Cancels a running import: it ends with `datasets.importFailed` (code CANCELLED) and nothing
   * of it is stored. NOT_FOUND when that import is not running (any more).
   */
  'datasets.cancelImport': {
    input: z.object({ jobId: ImportJobId }),
    output: z.object({}),
  },
  /** Attaches FER+ vote counts (fer2013new.csv) row by row to a dataset imported from the FER2013 CSV. */
  'datasets.attachFerPlus': {
    input: z.object({ datasetId: DatasetId, path: z.string().min(1) }),
    output: z.object({ attached: z.number().int(), withoutVotes: z.number().int() }),
  },
  /** Creates the synthetic demo dataset (drawn cartoon faces); returns it. */
  'datasets.createDemo': {
    input: z.object({ name: z.string().min(1).optional() }),
    output: DatasetSummary,
  },
  /**
   * Writes the dataset with current labels as a FER2013 CSV file or a folder per class. `path`
   * must be absolute (there is no base folder a relative path could be resolved against) and
   * outside the studio's data folder (INVALID_INPUT). An existing file is CONFLICT unless
   * `overwrite`; a folder export needs a new or empty folder whatever `overwrite` says (CONFLICT).
   * The output is written to a temporary name beside the target and renamed into place at the end.
   */
  'datasets.export': {
    input: z.object({
      datasetId: DatasetId,
      format: z.enum(['fer2013-csv', 'folder']),
      path: z.string().min(1).refine(isAbsolutePath, 'must be an absolute path'),
      overwrite: z.boolean().default(false),
    }),
    /** `faces` written; `excluded` faces left out (see `labels.exclude`). */
    output: z.object({ path: z.string(), faces: z.number().int(), excluded: z.number().int() }),
  },
  /** Deletes a dataset with its faces, history and runs. */
  'datasets.delete': { input: z.object({ datasetId: DatasetId }), output: z.object({}) },
  /** Renames a dataset; CONFLICT when the name is taken. */
  'datasets.rename': {
    input: z.object({ datasetId: DatasetId, name: z.string().min(1).max(200) }),
    output: DatasetSummary,
  },
} as const satisfies MethodGroup

export const datasetEvents = {
  /** The list of datasets or their counts changed. */
  'datasets.changed': z.object({ datasetId: DatasetId.nullable() }),
  /**
   * An import advanced. `total` is given once known (from the start for folders, at the end of
   * reading for CSV files) and never estimated, so it does not jump; while it is null, `fraction`
   * is the share of the input read so far (bytes), which only grows.
   */
  'datasets.importProgressed': z.object({
    jobId: ImportJobId,
    phase: ImportPhase,
    done: z.number().int(),
    total: z.number().int().nullable(),
    fraction: z.number().min(0).max(1).nullable(),
  }),
  'datasets.importFinished': z.object({ jobId: ImportJobId, report: ImportReport }),
  /** A `datasets.export` advanced: `done` of `total` faces written (at most ~10 a second). */
  'datasets.exportProgressed': z.object({
    datasetId: DatasetId,
    done: z.number().int(),
    total: z.number().int(),
  }),
  'datasets.importFailed': z.object({ jobId: ImportJobId, error: StudioErrorSchema }),
} as const satisfies EventGroup
