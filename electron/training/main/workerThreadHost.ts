import { Worker } from 'node:worker_threads'

import { createHostListeners } from './host'
import type { TrainerHost } from './host'
import type { FromWorker, ToWorker } from '../common/protocol'

export type WorkerThreadHostOptions = Readonly<{
  /**
   * The worker entry module. Default: worker.ts beside this file, run through tsx. A built app can
   * pass its compiled worker.js together with `bootstrap: null`.
   */
  entry?: URL
  /** Module that registers a TypeScript loader and imports `workerData.entry`; null = none. */
  bootstrap?: URL | null
}>

const DEFAULT_ENTRY = new URL('../worker/worker.ts', import.meta.url)
const DEFAULT_BOOTSTRAP = new URL('./workerThreadHost.bootstrap.mjs', import.meta.url)

/**
 * Runs the training worker in a Node worker thread: the host the bridge, the CLI and tests use
 * (the app uses an Electron utility process behind the same TrainerHost). The thread has its own
 * tfjs and event loop, so main never blocks on training.
 */
export function createWorkerThreadHost(options: WorkerThreadHostOptions = {}): TrainerHost {
  const entry = options.entry ?? DEFAULT_ENTRY
  const bootstrap = options.bootstrap === undefined ? DEFAULT_BOOTSTRAP : options.bootstrap
  const worker = new Worker(bootstrap ?? entry, { workerData: { entry: entry.href } })

  const listeners = createHostListeners()
  let lastError: Error | null = null

  worker.on('message', (message: FromWorker) => listeners.deliver(message))
  // An uncaught error in the worker arrives here first, then 'exit' with code 1.
  worker.on('error', (err) => {
    lastError = err
  })
  worker.on('exit', (code) => listeners.exited({ code, error: lastError }))

  return {
    post(message: ToWorker) {
      if (listeners.exit === null) worker.postMessage(message)
    },
    onMessage: listeners.onMessage,
    onExit: listeners.onExit,
    async terminate() {
      if (listeners.exit === null) await worker.terminate()
    },
  }
}
