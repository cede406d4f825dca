import { createHostListeners } from './host'
import type { TrainerHost } from './host'
import type { FromWorker, ToWorker } from '../common/protocol'

/**
 * The part of Electron's `UtilityProcess` this host uses. Declared structurally so this file never
 * imports 'electron' (only electron/main may): main passes `utilityProcess.fork`, and tests pass a
 * child-process adapter with the same shape.
 */
export interface UtilityProcessLike {
  readonly pid: number | undefined
  postMessage(message: unknown): void
  on(event: 'message', listener: (message: unknown) => void): this
  on(event: 'exit', listener: (code: number) => void): this
  on(event: 'spawn', listener: () => void): this
  on(event: 'error', listener: (type: string, location: string, report: string) => void): this
  kill(): boolean
}

/** Electron's `utilityProcess.fork` signature, narrowed to what we pass. */
export type ForkUtilityProcess = (
  modulePath: string,
  args: string[],
  options: { serviceName: string; stdio: 'inherit' | 'pipe' | 'ignore'; env?: NodeJS.ProcessEnv },
) => UtilityProcessLike

export type UtilityProcessHostOptions = Readonly<{
  fork: ForkUtilityProcess
  /** The bundled training worker (out/worker/trainingWorker.js). */
  workerPath: string
  env?: NodeJS.ProcessEnv
}>

/**
 * Runs the training worker in an Electron utility process (docs/ARCHITECTURE.md): its own process, so a
 * crash or an out-of-memory in tfjs never takes the window down, and training never blocks main.
 * Behaves like workerThreadHost: messages in order, one exit notification however it ended.
 */
export function createUtilityProcessHost(options: UtilityProcessHostOptions): TrainerHost {
  const child = options.fork(options.workerPath, [], {
    serviceName: 'FER Studio Trainer',
    stdio: 'inherit',
    ...(options.env === undefined ? {} : { env: options.env }),
  })
  const listeners = createHostListeners()
  let fatalError: Error | null = null
  let resolveExited: () => void = () => undefined
  const exited = new Promise<void>((resolve) => (resolveExited = resolve))

  child.on('message', (message) => listeners.deliver(message as FromWorker))
  // Electron reports V8/native crashes here before 'exit'; keep the report for the exit listeners.
  child.on('error', (type, location) => {
    fatalError = new Error(`Training process crashed: ${type} at ${location}`)
  })
  child.on('exit', (code) => {
    listeners.exited({ code, error: fatalError })
    resolveExited()
  })

  return {
    post(message: ToWorker) {
      if (listeners.exit === null) child.postMessage(message)
    },
    onMessage: listeners.onMessage,
    onExit: listeners.onExit,
    async terminate() {
      if (listeners.exit !== null) return
      child.kill()
      await exited
    },
  }
}
