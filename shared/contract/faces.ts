import { z } from 'zod'

import { FaceFilter, FaceSort, FaceSummary } from '../domain/face'
import { DatasetId, FaceId, RunId } from '../domain/ids'
import type { EventGroup, MethodGroup } from './define'

export const faceMethods = {
  /**
   * The ids of all faces matching a filter, in the given order. The grid keeps the ids and asks
   * for the summaries of the rows it shows with `faces.get`.
   */
  'faces.query': {
    input: z.object({
      datasetId: DatasetId,
      filter: FaceFilter.default({}),
      sort: FaceSort.default('id'),
    }),
    output: z.object({ ids: z.array(FaceId), total: z.number().int() }),
  },
  /**
   * Summaries of the given faces (at most 2,000 at a time), in the order asked. Predictions come
   * from `runId` when given (for faces of its dataset), else from each dataset's best completed
   * run with predictions.
   */
  'faces.get': {
    input: z.object({ ids: z.array(FaceId).max(2000), runId: RunId.optional() }),
    output: z.array(FaceSummary),
  },
  /** A face's pixels as 8-bit grayscale, row-major (faceSize x faceSize). For the detail panel. */
  'faces.pixels': {
    input: z.object({ faceId: FaceId }),
    output: z.object({ size: z.number().int(), pixels: z.array(z.number().int()) }),
  },
  /** The faces pixel-identical to this one (including it). */
  'faces.duplicates': { input: z.object({ faceId: FaceId }), output: z.array(FaceSummary) },
} as const satisfies MethodGroup

export const faceEvents = {} as const satisfies EventGroup
