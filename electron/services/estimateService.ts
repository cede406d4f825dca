import type { Handlers } from '../../shared/contract'
import type { estimateMethods } from '../../shared/contract/estimate'
import { estimateRun, facesPerEpoch } from '../../shared/domain/runEstimate'
import type { StudioDb } from '../db/openDatabase'
import { countFaces } from '../db/queries/datasets'
import { throughputSamples } from '../db/queries/runThroughput'
import { listModelPresets } from '../training/common/models/registry'
import { requireDataset } from './datasetService'

/** The run-time estimate shown before a run starts (training.estimate). */
export function createEstimateHandlers(
  deps: Readonly<{ db: StudioDb }>,
): Pick<Handlers, keyof typeof estimateMethods> {
  const { db } = deps
  return {
    async 'training.estimate'({ datasetId, config }) {
      requireDataset(db, datasetId)
      const counts = countFaces(db, datasetId)
      const hasValidation = counts.validation.some((n) => n > 0)
      const flops = Object.fromEntries(listModelPresets().map((p) => [p.name, p.flops]))
      return estimateRun({
        model: config.model,
        backend: config.backend,
        epochs: config.epochs,
        facesPerEpoch: facesPerEpoch(counts.train, hasValidation, config),
        timeBudgetMs: config.timeBudgetMs,
        flops,
        samples: throughputSamples(db),
      })
    },
  }
}
