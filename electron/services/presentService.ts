import type { Handlers } from '../../shared/contract'
import type { FaceId } from '../../shared/domain/ids'
import { StudioFailure } from '../../shared/transport/envelope'
import type { StudioDb } from '../db/openDatabase'
import { getDataset } from '../db/queries/datasets'
import { emotionAt, getFaceRows } from '../db/queries/faces'
import { listEpochSamples } from '../db/queries/runEpochSamples'
import { listRunEpochs } from '../db/queries/runEpochs'
import { getRun, toRunSummary } from '../db/queries/runs'

/**
 * Present mode's one read: a run's epochs, confusion matrices and sample faces' predictions per
 * epoch, all from the store. Sample faces deleted since the run are left out of every epoch.
 */
export function createPresentHandlers(
  deps: Readonly<{ db: StudioDb }>,
): Pick<Handlers, 'present.getRun'> {
  return {
    'present.getRun': async ({ runId }) => {
      const run = getRun(deps.db, runId)
      if (!run) throw new StudioFailure('NOT_FOUND', `No run with id ${runId}`)
      const stored = listEpochSamples(deps.db, runId)
      const first = stored[0]
      let samples = null
      if (first) {
        const rows = getFaceRows(deps.db, first.faceIds)
        const kept = first.faceIds.flatMap((id, k) => (rows.has(id) ? [k] : []))
        samples = {
          faces: kept.map((k) => {
            const row = rows.get(first.faceIds[k] as number)
            return { faceId: row?.id as FaceId, label: emotionAt(row?.label ?? 0) }
          }),
          epochs: stored.map((e) => ({
            epoch: e.epoch,
            probabilities: kept.map((k) => e.probabilities[k] ?? [0, 0, 0, 0, 0, 0, 0]),
          })),
        }
      }
      return {
        summary: toRunSummary(run),
        datasetName: getDataset(deps.db, run.datasetId)?.name ?? '',
        epochs: listRunEpochs(deps.db, runId),
        samples,
      }
    },
  }
}
