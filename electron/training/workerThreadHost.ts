import { Worker } from 'node:worker_threads'

import type { TrainerHost, WorkerExit } from './host'
import type { FromWorker, ToWorker } from './protocol'

export type WorkerThreadHostOptions = Readonly<{
  /**
   * The worker entry module. Default: worker.ts beside this file, run through tsx. A built app can
   * pass its compiled worker.js together with `bootstrap: null`.
   */
  entry?: URL
  /** Module that registers a TypeScript loader and imports `workerData.entry`; null = none. */
  bootstrap?: URL | null
}>

const DEFAULT_ENTRY = new URL('./worker.ts', import.meta.url)
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

  const messageListeners = new Set<(message: FromWorker) => void>()
  const exitListeners = new Set<(exit: WorkerExit) => void>()
  let exit: WorkerExit | null = null
  let lastError: Error | null = null

  worker.on('message', (message: FromWorker) => {
    for (const listener of [...messageListeners]) listener(message)
  })
  // An uncaught error in the worker arrives here first, then 'exit' with code 1.
  worker.on('error', (err) => {
    lastError = err
  })
  worker.on('exit', (code) => {
    exit = { code, error: lastError }
    for (const listener of [...exitListeners]) listener(exit)
    exitListeners.clear()
    messageListeners.clear()
  })

  return {
    post(message: ToWorker) {
      if (exit === null) worker.postMessage(message)
    },
    onMessage(listener) {
      messageListeners.add(listener)
      return () => messageListeners.delete(listener)
    },
    onExit(listener) {
      if (exit !== null) {
        const ended = exit
        queueMicrotask(() => listener(ended))
        return () => undefined
      }
      exitListeners.add(listener)
      return () => exitListeners.delete(listener)
    },
    async terminate() {
      if (exit === null) await worker.terminate()
    },
  }
}
