import type { Emit, Handlers } from '../../shared/contract'
import type { suspectMethods } from '../../shared/contract/suspects'
import type { SuspectJobId, SuspectJobSummary } from '../../shared/domain/suspects'
import { StudioFailure } from '../../shared/transport/envelope'
import type { StudioDb } from '../db/openDatabase'
import { getDataset } from '../db/queries/datasets'
import { getJob, getJobDetail, listJobs, type SuspectJob } from '../db/queries/suspects'
import { createSuspectReviewHandlers } from './suspectReviewService'
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
  const { db } = deps
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
    ...createSuspectReviewHandlers(deps),
  }

  return {
    handlers,
    /** Resolves with the job once it is completed, cancelled, failed or interrupted. */
    whenSettled: (jobId: SuspectJobId) => jobs.whenSettled(jobId),
  }
}

export type SuspectsService = ReturnType<typeof createSuspectsService>
