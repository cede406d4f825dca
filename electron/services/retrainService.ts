import type { Handlers } from '../../shared/contract'
import type { RunId } from '../../shared/domain/ids'
import { StudioFailure } from '../../shared/transport/envelope'
import type { StudioDb } from '../db/openDatabase'
import { getRun, toRunSummary } from '../db/queries/runs'
import { writeDatasetSnapshot } from '../training/common/snapshot'
import type { SuspectsTraining } from './suspectsJobs'

export type RetrainDeps = Readonly<{ db: StudioDb; training: Pick<SuspectsTraining, 'startRun'> }>

/** `training.retrain`: a new run with an earlier run's recipe, on the labels as they are now. */
export function createRetrainHandlers(deps: RetrainDeps): Pick<Handlers, 'training.retrain'> {
  return {
    async 'training.retrain'({ runId }) {
      const source = getRun(deps.db, runId)
      if (!source) throw new StudioFailure('NOT_FOUND', `Run ${runId} does not exist`)
      const run = deps.training.startRun(
        source.datasetId,
        source.config,
        `${source.name} · retrained`,
        (file) => writeDatasetSnapshot(deps.db, source.datasetId, file),
      )
      return { run: toRunSummary(run), basedOn: source.id as RunId }
    },
  }
}
