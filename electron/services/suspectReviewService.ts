import type { Handlers } from '../../shared/contract'
import type { Emit } from '../../shared/contract'
import { StudioFailure } from '../../shared/transport/envelope'
import type { StudioDb } from '../db/openDatabase'
import { getDataset } from '../db/queries/datasets'
import { emotionAt } from '../db/queries/faces'
import {
  countSuspects,
  latestCompletedJob,
  listSuspects,
  reviewFaces,
  suggestionsFor,
} from '../db/queries/suspects'

export type SuspectReviewDeps = Readonly<{
  db: StudioDb
  emit: Emit
  /** The label step that accepting suggestions makes (undoable, marked as a suggestion). */
  setEach: Handlers['labels.setEach']
  now?: () => number
}>

export type SuspectReviewHandlers = Pick<
  Handlers,
  'suspects.list' | 'suspects.accept' | 'suspects.keep'
>

/**
 * Reviewing the suspects of a dataset's latest completed job: list them most likely wrong first,
 * accept suggestions (an ordinary label step marked "accepted suggestion") or keep labels; either
 * way the face is reviewed and does not come back. Needs no training worker.
 */
export function createSuspectReviewHandlers(deps: SuspectReviewDeps): SuspectReviewHandlers {
  const { db, emit } = deps
  const now = deps.now ?? Date.now
  const requireDataset = (datasetId: number) => {
    if (!getDataset(db, datasetId))
      throw new StudioFailure('NOT_FOUND', `Dataset ${datasetId} does not exist`)
  }

  /** The dataset of these faces (one), and the latest completed job's suggestions for them. */
  const suspectsOf = (faceIds: readonly number[]) => {
    const rows = db
      .prepare<[string], { id: number; dataset_id: number }>(
        'SELECT id, dataset_id FROM faces WHERE id IN (SELECT value FROM json_each(?))',
      )
      .all(JSON.stringify(faceIds))
    const missing = faceIds.find((id) => !rows.some((r) => r.id === id))
    if (missing !== undefined)
      throw new StudioFailure('NOT_FOUND', `Face ${missing} does not exist`)
    const datasets = new Set(rows.map((r) => r.dataset_id))
    if (datasets.size !== 1) {
      throw new StudioFailure('INVALID_INPUT', 'Review faces of one dataset at a time')
    }
    const datasetId = [...datasets][0] as number
    const jobId = latestCompletedJob(db, datasetId)
    if (jobId === null) {
      throw new StudioFailure('CONFLICT', `Dataset ${datasetId} has no completed suspects job`)
    }
    const suggestions = suggestionsFor(db, jobId, faceIds)
    const notSuspect = faceIds.find((id) => !suggestions.has(id))
    if (notSuspect !== undefined) {
      throw new StudioFailure(
        'INVALID_INPUT',
        `Face ${notSuspect} is not a suspect of job ${jobId} (see: fer-studio suspects --list)`,
      )
    }
    return { datasetId, jobId, suggestions }
  }

  const reviewed = (datasetId: number, jobId: number) => {
    const counts = countSuspects(db, jobId)
    emit('suspects.reviewed', { datasetId: datasetId as never, counts })
    return counts
  }

  return {
    async 'suspects.list'({ datasetId, limit, offset, includeReviewed }) {
      requireDataset(datasetId)
      const jobId = latestCompletedJob(db, datasetId)
      return {
        jobId,
        suspects: jobId === null ? [] : listSuspects(db, jobId, { limit, offset, includeReviewed }),
        counts: countSuspects(db, jobId),
      }
    },
    async 'suspects.accept'({ faceIds, actor }, ctx) {
      const unique = [...new Set<number>(faceIds)]
      const { datasetId, jobId, suggestions } = suspectsOf(unique)
      const changes = unique.map((faceId) => ({
        faceId: faceId as never,
        label: emotionAt(suggestions.get(faceId) as number),
      }))
      const result = await deps.setEach({ changes, actor, source: 'suggestion' }, ctx)
      db.transaction(() =>
        reviewFaces(db, { datasetId, jobId, decision: 'accepted', at: now() }, unique),
      ).immediate()
      return { ...result, counts: reviewed(datasetId, jobId) }
    },
    async 'suspects.keep'({ faceIds }) {
      const unique = [...new Set<number>(faceIds)]
      const { datasetId, jobId } = suspectsOf(unique)
      db.transaction(() =>
        reviewFaces(db, { datasetId, jobId, decision: 'kept', at: now() }, unique),
      ).immediate()
      return { counts: reviewed(datasetId, jobId) }
    },
  }
}
