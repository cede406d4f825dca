import { z } from 'zod'

import { FaceFilter, FaceSort, FaceSummary, SortBasis } from '../domain/face'
import { FaceFinding, FindingPlan } from '../domain/finding'
import { DatasetId, FaceId, RunId } from '../domain/ids'
import type { EventGroup, MethodGroup } from './define'

export const faceMethods = {
  /**
   * The ids of all faces matching a filter, in the given order. The grid keeps the ids and asks
   * for the summaries of the rows it shows with `faces.get`. `sortBasis` says what the order
   * rests on: 'suspicion' without a model falls back to FER+ disagreement ('ferplus') where the
   * dataset has votes, else to id order.
   */
  'faces.query': {
    input: z.object({
      datasetId: DatasetId,
      filter: FaceFilter.default({}),
      sort: FaceSort.default('id'),
    }),
    output: z.object({ ids: z.array(FaceId), total: z.number().int(), sortBasis: SortBasis }),
  },
  /**
   * The faces one action would exclude to resolve a finding (duplicates and conflicts: keep one
   * copy of each group, test first; leakage: keep the test, else validation, copies; blank: all),
   * and the reason to record. Changes nothing: the studio confirms, then sends `labels.exclude`.
   */
  'faces.planFinding': {
    input: z.object({ datasetId: DatasetId, finding: FaceFinding }),
    output: FindingPlan,
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
