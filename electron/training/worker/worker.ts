import { parentPort } from 'node:worker_threads'

import { createComputeEngine } from './engine/createComputeEngine'
import type { FromWorker, ToWorker } from '../common/protocol'
import { serveWorker, type WorkerPort } from './workerServer'

/**
 * Entry of the training worker. Runs as a Node worker thread (workerThreadHost.ts) or as an
 * Electron utility process, whose `process.parentPort` delivers `{ data }` events instead of
 * bare messages; both end up as the same WorkerPort.
 */
type ElectronParentPort = {
  postMessage(message: unknown): void
  on(event: 'message', listener: (event: { data: unknown }) => void): void
}

function connect(): WorkerPort {
  if (parentPort) {
    const port = parentPort
    return {
      post: (message: FromWorker) => port.postMessage(message),
      onMessage: (listener) => port.on('message', (message: ToWorker) => listener(message)),
      exit: () => process.exit(0),
    }
  }
  const electronPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort
  if (electronPort) {
    return {
      post: (message: FromWorker) => electronPort.postMessage(message),
      onMessage: (listener) =>
        electronPort.on('message', (event) => listener(event.data as ToWorker)),
      exit: () => process.exit(0),
    }
  }
  throw new Error('worker.ts must run in a worker thread or an Electron utility process')
}

serveWorker(connect(), { createEngine: (options) => createComputeEngine(options) })
