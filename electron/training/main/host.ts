import type { FromWorker, ToWorker } from '../common/protocol'

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

/**
 * The listener bookkeeping every host shares: fan-out of worker messages, and one exit
 * notification (late subscribers are told at once). A host wires its runtime's events to
 * `deliver` and `exited`, and adds its own `post` and `terminate`.
 */
export function createHostListeners(): Pick<TrainerHost, 'onMessage' | 'onExit'> & {
  deliver(message: FromWorker): void
  exited(exit: WorkerExit): void
  readonly exit: WorkerExit | null
} {
  const messageListeners = new Set<(message: FromWorker) => void>()
  const exitListeners = new Set<(exit: WorkerExit) => void>()
  let exit: WorkerExit | null = null
  return {
    get exit() {
      return exit
    },
    deliver(message) {
      for (const listener of [...messageListeners]) listener(message)
    },
    exited(ended) {
      exit = ended
      for (const listener of [...exitListeners]) listener(ended)
      exitListeners.clear()
      messageListeners.clear()
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
  }
}
