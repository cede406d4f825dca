import type { Emit, Handlers } from '../../shared/contract'
import type { faceMethods } from '../../shared/contract/faces'
import type { FaceSummary } from '../../shared/domain/face'
import type { RunId } from '../../shared/domain/ids'
import { StudioFailure } from '../../shared/transport/envelope'
import type { StudioDb } from '../db/openDatabase'
import { queryFaceIds, sortBasisOf } from '../db/queries/faceQuery'
import { planFinding } from '../db/queries/findings'
import { getFacePixels, getFaceRows, getFaceRowsByHash, toFaceSummary } from '../db/queries/faces'
import type { FaceRow } from '../db/queries/faces'
import { defaultPredictionRun, getPredictions, toFacePrediction } from '../db/queries/predictions'
import { runDatasetId } from '../db/queries/runs'
import { requireDataset } from './datasetService'

export type FaceServiceDeps = Readonly<{
  db: StudioDb
  dataDir: string
  emit: Emit
  log: (message: string) => void
}>

/** The run a prediction filter asked for, checked to belong to the dataset. */
function requireRunOf(db: StudioDb, runId: number, datasetId: number): RunId {
  const runDataset = runDatasetId(db, runId)
  if (runDataset === undefined) throw new StudioFailure('NOT_FOUND', `Run ${runId} does not exist`)
  if (runDataset !== datasetId) {
    throw new StudioFailure(
      'INVALID_INPUT',
      `Run ${runId} was trained on dataset ${runDataset}, not ${datasetId}`,
    )
  }
  return runId as RunId
}

/**
 * Summaries with predictions: each face's prediction comes from `runId` when it belongs to the
 * face's dataset, else from its dataset's default run (best completed with predictions).
 */
export function summarizeFaces(
  db: StudioDb,
  rows: readonly FaceRow[],
  runId?: number,
): FaceSummary[] {
  const runOfDataset = new Map<number, number | null>()
  const explicitRunDataset = runId === undefined ? undefined : runDatasetId(db, runId)
  const facesByRun = new Map<number, number[]>()
  for (const row of rows) {
    if (!runOfDataset.has(row.dataset_id)) {
      runOfDataset.set(
        row.dataset_id,
        explicitRunDataset === row.dataset_id
          ? (runId as number)
          : defaultPredictionRun(db, row.dataset_id),
      )
    }
    const run = runOfDataset.get(row.dataset_id)
    if (run === null || run === undefined) continue
    const faces = facesByRun.get(run)
    if (faces) faces.push(row.id)
    else facesByRun.set(run, [row.id])
  }
  const predictions = new Map<number, ReturnType<typeof getPredictions>>()
  for (const [run, ids] of facesByRun) predictions.set(run, getPredictions(db, run, ids))
  return rows.map((row) => {
    const run = runOfDataset.get(row.dataset_id)
    const prediction =
      run === null || run === undefined ? undefined : predictions.get(run)?.get(row.id)
    return toFaceSummary(row, prediction ? toFacePrediction(prediction, row.label) : null)
  })
}

/** The faces.* handlers: the grid's filtered id lists, face summaries, pixels and duplicates. */
export function createFaceHandlers(
  deps: FaceServiceDeps,
): Pick<Handlers, keyof typeof faceMethods> {
  const { db } = deps
  return {
    async 'faces.query'({ datasetId, filter, sort }) {
      const { hasFerPlus } = requireDataset(db, datasetId)
      const runId =
        filter.runId !== undefined
          ? requireRunOf(db, filter.runId, datasetId)
          : defaultPredictionRun(db, datasetId)
      const ids = queryFaceIds(db, datasetId, filter, sort, runId, hasFerPlus)
      return { ids, total: ids.length, sortBasis: sortBasisOf(sort, runId, hasFerPlus) }
    },

    async 'faces.planFinding'({ datasetId, finding }) {
      requireDataset(db, datasetId)
      return planFinding(db, datasetId, finding)
    },

    async 'faces.get'({ ids, runId }) {
      const rows = getFaceRows(db, ids)
      const ordered = ids.map((id) => {
        const row = rows.get(id)
        if (!row) throw new StudioFailure('NOT_FOUND', `Face ${id} does not exist`)
        return row
      })
      return summarizeFaces(db, ordered, runId)
    },

    async 'faces.pixels'({ faceId }) {
      const face = getFacePixels(db, faceId)
      if (!face) throw new StudioFailure('NOT_FOUND', `Face ${faceId} does not exist`)
      return { size: face.faceSize, pixels: Array.from(face.pixels) }
    },

    async 'faces.duplicates'({ faceId }) {
      const row = getFaceRows(db, [faceId]).get(faceId)
      if (!row) throw new StudioFailure('NOT_FOUND', `Face ${faceId} does not exist`)
      return summarizeFaces(db, getFaceRowsByHash(db, row.dataset_id, row.hash))
    },
  }
}
