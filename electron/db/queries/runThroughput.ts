import type { RunId } from '../../../shared/domain/ids'
import type { ThroughputSample } from '../../../shared/domain/runEstimate'
import type { StudioDb } from '../openDatabase'
import { listRunEpochs } from './runEpochs'
import { listRuns } from './runs'

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0
}

/**
 * What the newest runs on this machine measured (any dataset), newest first: each run's median
 * training speed and its epoch overhead (epoch time over training time: validation and the
 * rest), the faces of an epoch taken from its first batch (batches x batch size). Runs without a
 * finished epoch say nothing.
 */
export function throughputSamples(db: StudioDb, limit = 30): ThroughputSample[] {
  const firstBatch = db.prepare<[number], { logs: string }>(
    'SELECT logs FROM run_batches WHERE run_id = ? ORDER BY step LIMIT 1',
  )
  const samples: ThroughputSample[] = []
  for (const run of listRuns(db).slice(0, limit)) {
    const epochs = listRunEpochs(db, run.id).map((e) => e.logs)
    const speeds = epochs.map((e) => e.facesPerSecond).filter((v) => v > 0)
    if (speeds.length === 0) continue
    const batch = firstBatch.get(run.id)
    const batchesPerEpoch = batch
      ? (JSON.parse(batch.logs) as { batchesPerEpoch?: number }).batchesPerEpoch
      : undefined
    const ratios: number[] = []
    if (batchesPerEpoch !== undefined) {
      const faces = batchesPerEpoch * run.config.batchSize
      epochs.forEach((e, i) => {
        const epochMs = e.elapsedMs - (i === 0 ? 0 : (epochs[i - 1]?.elapsedMs ?? 0))
        const trainMs = (faces / e.facesPerSecond) * 1000
        if (e.facesPerSecond > 0 && epochMs > 0) ratios.push(epochMs / trainMs)
      })
    }
    samples.push({
      runId: run.id as RunId,
      runName: run.name,
      model: run.config.model,
      backend: run.backend,
      facesPerSecond: median(speeds),
      overhead: Math.max(1, ratios.length > 0 ? median(ratios) : 1),
    })
  }
  return samples
}
