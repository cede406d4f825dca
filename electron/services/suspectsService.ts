import type { Emit, Handlers } from '../../shared/contract'
import type { suspectMethods } from '../../shared/contract/suspects'
import { emotionAt } from '../db/queries/faces'
import type { SuspectJobId, SuspectJobSummary } from '../../shared/domain/suspects'
import { StudioFailure } from '../../shared/transport/envelope'
import type { StudioDb } from '../db/openDatabase'
import { getDataset } from '../db/queries/datasets'
import {
  countSuspects,
  getJob,
  getJobDetail,
  latestCompletedJob,
  listJobs,
  listSuspects,
  reviewFaces,
  type SuspectJob,
  suggestionsFor,
} from '../db/queries/suspects'
import { createSuspectsJobs, type SuspectsTraining } from './suspectsJobs'

export type SuspectsServiceDeps = Readonly<{
  db: StudioDb
  emit: Emit
  log: (message: string) => void
  training: SuspectsTraining
  /** The label step that accepting suggestions makes (undoable, marked as a suggestion). */
  setEach: Handlers['labels.setEach']
  now?: () => number
}>

export type SuspectsHandlers = Pick<Handlers, keyof typeof suspectMethods>

const summary = ({ seed: _seed, ...job }: SuspectJob): SuspectJobSummary => job

/**
 * The suspects domain: jobs (suspectsJobs.ts drives them through their fold runs), the ranked
 * suspects of a dataset's latest completed job, and reviewing them: accept (an ordinary label
 * step marked "accepted suggestion") or keep (never shown again).
 */
export function createSuspectsService(deps: SuspectsServiceDeps) {
  const { db, emit } = deps
  const now = deps.now ?? Date.now
  const jobs = createSuspectsJobs(deps)

  const requireDataset = (datasetId: number) => {
    if (!getDataset(db, datasetId))
      throw new StudioFailure('NOT_FOUND', `Dataset ${datasetId} does not exist`)
  }
  const requireJob = (jobId: number): SuspectJob => {
    jobs.reconcile()
    const job = getJob(db, jobId)
    if (!job) throw new StudioFailure('NOT_FOUND', `Suspects job ${jobId} does not exist`)
    return job
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

  const handlers: SuspectsHandlers = {
    async 'suspects.start'({ datasetId, folds, config, ranking }) {
      requireDataset(datasetId)
      return summary(jobs.start({ datasetId, folds, config, ranking }))
    },
    async 'suspects.pause'({ jobId }) {
      return summary(await jobs.pause(requireJob(jobId)))
    },
    async 'suspects.resume'({ jobId }) {
      return summary(await jobs.resume(requireJob(jobId)))
    },
    async 'suspects.cancel'({ jobId }) {
      return summary(await jobs.cancel(requireJob(jobId)))
    },
    async 'suspects.listJobs'({ datasetId }) {
      requireDataset(datasetId)
      jobs.reconcile()
      return listJobs(db, datasetId).map(summary)
    },
    async 'suspects.getJob'({ jobId }) {
      requireJob(jobId)
      const detail = getJobDetail(db, jobId)
      if (!detail) throw new StudioFailure('NOT_FOUND', `Suspects job ${jobId} does not exist`)
      return detail
    },
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

  return {
    handlers,
    /** Resolves with the job once it is completed, cancelled, failed or interrupted. */
    whenSettled: (jobId: SuspectJobId) => jobs.whenSettled(jobId),
  }
}

export type SuspectsService = ReturnType<typeof createSuspectsService>
