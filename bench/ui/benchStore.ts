import type { DatasetId, RunId } from '../../shared/domain'
import type { BridgeClient } from '../../electron/bridge/bridgeClient'

/** Imports a CSV through the bridge as `name`; resolves with its id, faces and time taken. */
export async function importThroughBridge(
  api: BridgeClient,
  csv: string,
  name: string,
): Promise<{ datasetId: DatasetId; ms: number; faces: number }> {
  const started = Date.now()
  const { jobId } = await api.call('datasets.import', { path: csv, name })
  return new Promise((resolve, reject) => {
    api.on('datasets.importFinished', (payload) => {
      if (payload.jobId === jobId) {
        resolve({
          datasetId: payload.report.datasetId,
          ms: Date.now() - started,
          faces: payload.report.imported,
        })
      }
    })
    api.on('datasets.importFailed', (payload) => {
      if (payload.jobId === jobId) reject(new Error(payload.error.message))
    })
  })
}

/** Trains tiny-cnn on every train face for `epochs` epochs; resolves when it completed. */
export async function trainTinyCnn(
  api: BridgeClient,
  datasetId: DatasetId,
  epochs: number,
): Promise<RunId> {
  const run = await api.call('training.start', {
    datasetId,
    name: 'tiny-cnn quick look',
    config: { model: 'tiny-cnn', epochs, batchSize: 64 },
  })
  await new Promise<void>((resolve, reject) => {
    const check = (status: string) => {
      if (status === 'completed') resolve()
      else if (status === 'failed' || status === 'cancelled')
        reject(new Error(`training ${status}`))
    }
    api.on('training.statusChanged', (payload) => payload.runId === run.id && check(payload.status))
  })
  return run.id
}
