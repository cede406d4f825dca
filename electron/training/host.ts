import type { FromWorker, ToWorker } from './protocol'

/** How a worker ended: a process exit code (null when killed) and the error that killed it. */
export type WorkerExit = Readonly<{ code: number | null; error: Error | null }>

/**
 * The training worker as main sees it, whatever runs it: a Node worker thread (bridge, CLI,
 * tests; workerThreadHost.ts) or an Electron utility process (the app). The training service
 * knows only this interface, so the loop runs the same under each.
 */
export interface TrainerHost {
  /** Sends one message; messages arrive in order. */
  post(message: ToWorker): void
  /** Subscribes to the worker's messages; returns an unsubscribe. */
  onMessage(listener: (message: FromWorker) => void): () => void
  /** Called once when the worker is gone, however it ended; returns an unsubscribe. */
  onExit(listener: (exit: WorkerExit) => void): () => void
  /** Kills the worker now (no clean shutdown); resolves when it is gone. */
  terminate(): Promise<void>
}

/** Starts a fresh worker; the service calls it once per run or evaluation. */
export type CreateTrainerHost = () => TrainerHost
