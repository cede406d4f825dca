import { emotionIndex } from '../../../shared/domain/emotion'
import type { FaceFilter, FaceSort, SortBasis } from '../../../shared/domain/face'
import type { FaceId } from '../../../shared/domain/ids'
import type { StudioDb } from '../openDatabase'
import { findingCondition } from './findings'
import { LABEL_PROBABILITY_SQL } from './predictions'

/** Whether a filter needs a prediction for a face to match at all. */
export function filterNeedsPredictions(filter: FaceFilter): boolean {
  return (
    (filter.predicted !== undefined && filter.predicted.length > 0) ||
    filter.minConfidence !== undefined ||
    filter.maxConfidence !== undefined ||
    filter.disagreesOnly === true
  )
}

const SORTS_ON_PREDICTIONS: ReadonlySet<FaceSort> = new Set([
  'confidence-asc',
  'confidence-desc',
  'suspicion',
])

/** FER+ majority differs from the label (0), agrees (1), no majority or no votes (2). */
const FERPLUS_DISAGREEMENT_SQL =
  'CASE WHEN f.ferplus_majority IS NULL THEN 2 WHEN f.ferplus_majority <> f.label THEN 0 ELSE 1 END'

/**
 * What `queryFaceIds` orders by: the run's predictions for a prediction sort when there is a run;
 * without one, "likely mislabelled first" falls back to FER+ disagreement when the dataset has
 * votes; everything else is id order.
 */
export function sortBasisOf(sort: FaceSort, runId: number | null, hasFerPlus: boolean): SortBasis {
  if (SORTS_ON_PREDICTIONS.has(sort) && runId !== null) return 'model'
  if (sort === 'suspicion' && hasFerPlus) return 'ferplus'
  return 'id'
}

/**
 * The ids of a dataset's faces matching every given filter field, in the given order. Prediction
 * filters and sorts use `runId`'s predictions: with no run (null), prediction filters match no
 * face and prediction sorts fall back to id order, except the suspicion sort, which puts faces
 * whose FER+ majority disagrees with their label first when `hasFerPlus`. Faces without a
 * prediction sort last. An empty list in the filter (no label chosen) does not constrain. A
 * finding keeps each group's copies together (ordered by group, then id).
 *
 * Every face column used here is in the `faces_grid` covering index, so the pixel-heavy table
 * rows are never read.
 */
export function queryFaceIds(
  db: StudioDb,
  datasetId: number,
  filter: FaceFilter,
  sort: FaceSort,
  runId: number | null,
  hasFerPlus = false,
): FaceId[] {
  const needsPredictions = filterNeedsPredictions(filter)
  if (needsPredictions && runId === null) return []
  const basis = sortBasisOf(sort, runId, hasFerPlus)
  const sortsOnPredictions = basis === 'model'
  const where: string[] = ['f.dataset_id = ?']
  const params: (string | number)[] = [datasetId]
  const inList = (column: string, values: readonly (string | number)[]): void => {
    where.push(`${column} IN (${values.map(() => '?').join(', ')})`)
    params.push(...values)
  }

  if (filter.labels?.length) inList('f.label', filter.labels.map(emotionIndex))
  if (filter.splits?.length) inList('f.split', filter.splits)
  if (filter.duplicatesOnly) where.push('f.duplicate_group IS NOT NULL')
  if (filter.relabeledOnly) where.push('f.label <> f.original_label')
  if (filter.exclusion === 'excluded') where.push('f.excluded IS NOT NULL')
  if (filter.exclusion === 'included') where.push('f.excluded IS NULL')
  if (filter.ferPlusMajority?.length)
    inList('f.ferplus_majority', filter.ferPlusMajority.map(emotionIndex))
  if (filter.ferPlusDisagrees)
    where.push('f.ferplus_majority IS NOT NULL AND f.ferplus_majority <> f.label')
  if (filter.finding !== undefined) {
    const condition = findingCondition(filter.finding, datasetId)
    where.push(condition.sql)
    params.push(...condition.params)
  }
  if (filter.predicted?.length) inList('p.predicted', filter.predicted.map(emotionIndex))
  if (filter.minConfidence !== undefined) {
    where.push('p.confidence >= ?')
    params.push(filter.minConfidence)
  }
  if (filter.maxConfidence !== undefined) {
    where.push('p.confidence <= ?')
    params.push(filter.maxConfidence)
  }
  if (filter.disagreesOnly) where.push('p.predicted <> f.label')

  let join = ''
  if (needsPredictions || sortsOnPredictions) {
    join = `${needsPredictions ? 'JOIN' : 'LEFT JOIN'} predictions p ON p.run_id = ? AND p.face_id = f.id`
    params.unshift(runId as number)
  }

  let orderBy = filter.finding === undefined ? 'f.id' : 'f.duplicate_group, f.id'
  if (basis === 'ferplus') orderBy = `${FERPLUS_DISAGREEMENT_SQL}, f.id`
  if (sortsOnPredictions) {
    if (sort === 'confidence-asc') orderBy = 'p.confidence IS NULL, p.confidence ASC, f.id'
    if (sort === 'confidence-desc') orderBy = 'p.confidence IS NULL, p.confidence DESC, f.id'
    // Suspicion = 1 - P(current label): most suspect first means lowest label probability first.
    if (sort === 'suspicion') orderBy = `p.face_id IS NULL, ${LABEL_PROBABILITY_SQL} ASC, f.id`
  }

  // INDEXED BY: left alone, the planner may walk faces_by_dataset to skip the sort, reading
  // every 2 KB row; sorting a few thousand ids from the covering index is far cheaper.
  const sql = `SELECT f.id AS id FROM faces f INDEXED BY faces_grid ${join} WHERE ${where.join(' AND ')} ORDER BY ${orderBy}`
  return db
    .prepare<(string | number)[], { id: number }>(sql)
    .pluck()
    .all(...params) as unknown as FaceId[]
}
