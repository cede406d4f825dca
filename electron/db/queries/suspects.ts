import type { DatasetId, FaceId, RunId } from '../../../shared/domain/ids'
import {
  FerPlusCheck,
  NoiseEstimate,
  type Suspect,
  type SuspectCounts,
  type SuspectJobDetail,
  SuspectJobStatus,
  type SuspectJobId,
  type SuspectJobSummary,
  SuspectRanking,
  type SuspectReview,
} from '../../../shared/domain/suspects'
import { TrainingConfig } from '../../../shared/domain/training'
import type { StudioDb } from '../openDatabase'
import { emotionAt } from './faces'

type JobRow = {
  id: number
  dataset_id: number
  status: string
  folds: number
  config: string
  ranking: string
  seed: number
  created_at: number
  finished_at: number | null
  current_fold: number | null
  noise: string | null
  ferplus: string | null
  error: string | null
}

export type SuspectJob = SuspectJobSummary & Readonly<{ seed: number }>

export type JobPatch = Partial<{
  status: SuspectJobStatus
  currentFold: number | null
  finishedAt: number | null
  noise: NoiseEstimate | null
  ferPlus: FerPlusCheck | null
  error: string | null
}>

const PATCH_COLUMNS: Record<keyof JobPatch, string> = {
  status: 'status',
  currentFold: 'current_fold',
  finishedAt: 'finished_at',
  noise: 'noise',
  ferPlus: 'ferplus',
  error: 'error',
}

export function insertJob(
  db: StudioDb,
  job: Readonly<{
    datasetId: number
    folds: number
    config: TrainingConfig
    ranking: SuspectRanking
    seed: number
    createdAt: number
  }>,
): SuspectJobId {
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO suspect_jobs (dataset_id, status, folds, config, ranking, seed, created_at)
       VALUES (?, 'queued', ?, ?, ?, ?, ?)`,
    )
    .run(job.datasetId, job.folds, JSON.stringify(job.config), job.ranking, job.seed, job.createdAt)
  const id = Number(lastInsertRowid)
  const fold = db.prepare('INSERT INTO suspect_folds (job_id, fold) VALUES (?, ?)')
  for (let f = 0; f < job.folds; f++) fold.run(id, f)
  return id as SuspectJobId
}

/** Records the faces a job covers, with their fold and the label they had when it started. */
export function insertJobFaces(
  db: StudioDb,
  jobId: number,
  faces: Readonly<{
    faceIds: ArrayLike<number>
    folds: ArrayLike<number>
    given: ArrayLike<number>
  }>,
): void {
  const insert = db.prepare(
    'INSERT INTO suspect_faces (job_id, face_id, fold, given) VALUES (?, ?, ?, ?)',
  )
  for (let i = 0; i < faces.faceIds.length; i++) {
    insert.run(jobId, faces.faceIds[i], faces.folds[i], faces.given[i])
  }
}

export function updateJob(db: StudioDb, id: number, patch: JobPatch): void {
  const keys = Object.keys(patch) as (keyof JobPatch)[]
  if (keys.length === 0) return
  const values = keys.map((key) => {
    const value = patch[key]
    return key === 'noise' || key === 'ferPlus'
      ? value === null
        ? null
        : JSON.stringify(value)
      : (value ?? null)
  })
  db.prepare(
    `UPDATE suspect_jobs SET ${keys.map((k) => `${PATCH_COLUMNS[k]} = ?`).join(', ')} WHERE id = ?`,
  ).run(...values, id)
}

type FoldRow = { fold: number; run_id: number | null; done: number; elapsed_ms: number }

export function jobFolds(db: StudioDb, jobId: number): FoldRow[] {
  return db
    .prepare<[number], FoldRow>('SELECT * FROM suspect_folds WHERE job_id = ? ORDER BY fold')
    .all(jobId)
}

export function setFoldRun(db: StudioDb, jobId: number, fold: number, runId: number): void {
  db.prepare('UPDATE suspect_folds SET run_id = ? WHERE job_id = ? AND fold = ?').run(
    runId,
    jobId,
    fold,
  )
}

/**
 * Copies a finished fold run's predictions of its held-out faces into the job (the out-of-fold
 * probabilities) and marks the fold done. Returns how many held-out faces have none (0 when the
 * fold is complete).
 */
export function completeFold(
  db: StudioDb,
  jobId: number,
  fold: number,
  runId: number,
  elapsedMs: number,
): number {
  db.prepare(
    `UPDATE suspect_faces
        SET p0 = p.p0, p1 = p.p1, p2 = p.p2, p3 = p.p3, p4 = p.p4, p5 = p.p5, p6 = p.p6
       FROM predictions p
      WHERE p.run_id = ? AND p.face_id = suspect_faces.face_id
        AND suspect_faces.job_id = ? AND suspect_faces.fold = ?`,
  ).run(runId, jobId, fold)
  const { missing } = db
    .prepare<[number, number], { missing: number }>(
      'SELECT COUNT(*) AS missing FROM suspect_faces WHERE job_id = ? AND fold = ? AND p0 IS NULL',
    )
    .get(jobId, fold) as { missing: number }
  if (missing === 0) {
    db.prepare(
      'UPDATE suspect_folds SET done = 1, elapsed_ms = ? WHERE job_id = ? AND fold = ?',
    ).run(elapsedMs, jobId, fold)
  }
  return missing
}

export type OutOfFoldTable = Readonly<{
  faceIds: Int32Array
  labels: Uint8Array
  probabilities: Float64Array
  ferPlusMajority: (number | null)[]
}>

/** Every face of a job with its given label, out-of-fold probabilities and FER+ majority. */
export function readOutOfFold(db: StudioDb, jobId: number): OutOfFoldTable {
  const rows = db
    .prepare<
      [number],
      { face_id: number; given: number; m: number | null } & Record<string, number>
    >(
      `SELECT s.face_id, s.given, s.p0, s.p1, s.p2, s.p3, s.p4, s.p5, s.p6, f.ferplus_majority AS m
         FROM suspect_faces s JOIN faces f ON f.id = s.face_id
        WHERE s.job_id = ? ORDER BY s.face_id`,
    )
    .all(jobId)
  const faceIds = new Int32Array(rows.length)
  const labels = new Uint8Array(rows.length)
  const probabilities = new Float64Array(rows.length * 7)
  rows.forEach((row, i) => {
    faceIds[i] = row.face_id
    labels[i] = row.given
    for (let k = 0; k < 7; k++) probabilities[i * 7 + k] = row[`p${k}`] ?? 0
  })
  return { faceIds, labels, probabilities, ferPlusMajority: rows.map((r) => r.m) }
}

/** Stores the ranked suspects of a job (rank 1 first), replacing any earlier ranking. */
export function writeSuspects(
  db: StudioDb,
  jobId: number,
  suspects: readonly Readonly<{
    faceId: number
    suggested: number
    suggestedProbability: number
    score: number
  }>[],
): void {
  db.prepare(
    'UPDATE suspect_faces SET rank = NULL, suggested = NULL, suggested_p = NULL, score = NULL WHERE job_id = ?',
  ).run(jobId)
  const set = db.prepare(
    'UPDATE suspect_faces SET rank = ?, suggested = ?, suggested_p = ?, score = ? WHERE job_id = ? AND face_id = ?',
  )
  suspects.forEach((s, i) =>
    set.run(i + 1, s.suggested, s.suggestedProbability, s.score, jobId, s.faceId),
  )
}

function toSummary(db: StudioDb, row: JobRow): SuspectJob {
  const folds = jobFolds(db, row.id)
  const { faces, suspects } = db
    .prepare<[number], { faces: number; suspects: number }>(
      'SELECT COUNT(*) AS faces, COUNT(rank) AS suspects FROM suspect_faces WHERE job_id = ?',
    )
    .get(row.id) as { faces: number; suspects: number }
  const status = SuspectJobStatus.parse(row.status)
  return {
    id: row.id as SuspectJobId,
    datasetId: row.dataset_id as DatasetId,
    status,
    folds: row.folds,
    config: TrainingConfig.parse(JSON.parse(row.config)),
    ranking: SuspectRanking.parse(row.ranking),
    seed: row.seed,
    faces,
    foldRuns: folds.map((f) => (f.run_id === null ? null : (f.run_id as RunId))),
    foldsDone: folds.filter((f) => f.done === 1).length,
    currentFold: row.current_fold,
    suspects: status === 'completed' ? suspects : null,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    elapsedMs: folds.reduce((sum, f) => sum + f.elapsed_ms, 0),
    error: row.error,
  }
}

export function getJob(db: StudioDb, id: number): SuspectJob | undefined {
  const row = db.prepare<[number], JobRow>('SELECT * FROM suspect_jobs WHERE id = ?').get(id)
  return row ? toSummary(db, row) : undefined
}

export function getJobDetail(db: StudioDb, id: number): SuspectJobDetail | undefined {
  const row = db.prepare<[number], JobRow>('SELECT * FROM suspect_jobs WHERE id = ?').get(id)
  if (!row) return undefined
  const { seed: _seed, ...summary } = toSummary(db, row)
  return {
    summary,
    noise: row.noise === null ? null : NoiseEstimate.parse(JSON.parse(row.noise)),
    ferPlus: row.ferplus === null ? null : FerPlusCheck.parse(JSON.parse(row.ferplus)),
  }
}

export function listJobs(db: StudioDb, datasetId: number): SuspectJob[] {
  return db
    .prepare<[number], JobRow>('SELECT * FROM suspect_jobs WHERE dataset_id = ? ORDER BY id DESC')
    .all(datasetId)
    .map((row) => toSummary(db, row))
}

export function jobsWithStatus(db: StudioDb, statuses: readonly string[]): SuspectJob[] {
  return db
    .prepare<string[], JobRow>(
      `SELECT * FROM suspect_jobs WHERE status IN (${statuses.map(() => '?').join(', ')})`,
    )
    .all(...statuses)
    .map((row) => toSummary(db, row))
}

/** The dataset's newest completed job, whose suspects the studio shows. */
export function latestCompletedJob(db: StudioDb, datasetId: number): SuspectJobId | null {
  const row = db
    .prepare<[number], { id: number }>(
      `SELECT id FROM suspect_jobs WHERE dataset_id = ? AND status = 'completed'
        ORDER BY id DESC LIMIT 1`,
    )
    .get(datasetId)
  return row ? (row.id as SuspectJobId) : null
}

/**
 * The review of suspect `s` (face `f`, review `r`) that still holds: a kept label, or an accepted
 * suggestion while the face still has it (undoing the relabel brings the suspect back).
 */
const REVIEW_SQL = `CASE WHEN r.decision = 'kept' THEN 'kept'
  WHEN r.decision = 'accepted' AND f.label = s.suggested THEN 'accepted' END`

type SuspectRow = {
  face_id: number
  rank: number
  given: number
  label: number
  suggested: number
  suggested_p: number
  score: number
  ferplus_majority: number | null
  ferplus_votes: string | null
  decision: SuspectReview | null
}

/** A job's suspects by rank; reviewed ones (kept or accepted) only when asked. */
export function listSuspects(
  db: StudioDb,
  jobId: number,
  page: Readonly<{ limit: number; offset: number; includeReviewed: boolean }>,
): Suspect[] {
  return db
    .prepare<[number, number, number], SuspectRow>(
      `SELECT s.face_id, s.rank, s.given, f.label, s.suggested, s.suggested_p, s.score,
              f.ferplus_majority, f.ferplus_votes, ${REVIEW_SQL} AS decision
         FROM suspect_faces s
         JOIN faces f ON f.id = s.face_id
         LEFT JOIN suspect_reviews r ON r.face_id = s.face_id
        WHERE s.job_id = ? AND s.rank IS NOT NULL
              ${page.includeReviewed ? '' : `AND (${REVIEW_SQL}) IS NULL`}
        ORDER BY s.rank LIMIT ? OFFSET ?`,
    )
    .all(jobId, page.limit, page.offset)
    .map((row) => ({
      faceId: row.face_id as FaceId,
      rank: row.rank,
      given: emotionAt(row.given),
      label: emotionAt(row.label),
      suggested: emotionAt(row.suggested),
      suggestedProbability: row.suggested_p,
      score: row.score,
      ferPlusMajority: row.ferplus_majority === null ? null : emotionAt(row.ferplus_majority),
      ferPlusVotes: row.ferplus_votes === null ? null : (JSON.parse(row.ferplus_votes) as number[]),
      review: row.decision,
    }))
}

/** The suggestion of each of these faces in a job (faces that are not suspects are left out). */
export function suggestionsFor(
  db: StudioDb,
  jobId: number,
  faceIds: readonly number[],
): Map<number, number> {
  const rows = db
    .prepare<[number, string], { face_id: number; suggested: number }>(
      `SELECT face_id, suggested FROM suspect_faces
        WHERE job_id = ? AND rank IS NOT NULL AND face_id IN (SELECT value FROM json_each(?))`,
    )
    .all(jobId, JSON.stringify(faceIds))
  return new Map(rows.map((r) => [r.face_id, r.suggested]))
}

export function countSuspects(db: StudioDb, jobId: number | null): SuspectCounts {
  if (jobId === null) return { suspects: 0, kept: 0, accepted: 0, remaining: 0 }
  const row = db
    .prepare<[number], { suspects: number; kept: number; accepted: number }>(
      `SELECT COUNT(*) AS suspects,
              COALESCE(SUM((${REVIEW_SQL}) = 'kept'), 0) AS kept,
              COALESCE(SUM((${REVIEW_SQL}) = 'accepted'), 0) AS accepted
         FROM suspect_faces s JOIN faces f ON f.id = s.face_id
         LEFT JOIN suspect_reviews r ON r.face_id = s.face_id
        WHERE s.job_id = ? AND s.rank IS NOT NULL`,
    )
    .get(jobId) as { suspects: number; kept: number; accepted: number }
  return { ...row, remaining: row.suspects - row.kept - row.accepted }
}

/** Marks faces reviewed (a later decision replaces an earlier one). */
export function reviewFaces(
  db: StudioDb,
  review: Readonly<{
    datasetId: number
    jobId: number | null
    decision: SuspectReview
    at: number
  }>,
  faceIds: readonly number[],
): void {
  const put = db.prepare(
    `INSERT INTO suspect_reviews (face_id, dataset_id, decision, job_id, at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (face_id) DO UPDATE SET decision = excluded.decision, job_id = excluded.job_id,
       at = excluded.at`,
  )
  for (const id of faceIds) put.run(id, review.datasetId, review.decision, review.jobId, review.at)
}
