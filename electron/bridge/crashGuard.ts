/** The part of `process` the guard listens on (an EventEmitter in tests). */
export type ProcessEvents = Readonly<{
  on(event: 'uncaughtException' | 'unhandledRejection', listener: (err: unknown) => void): unknown
}>

/**
 * Every server handler guards itself; should an error still escape to the process, log it and
 * stop the way Ctrl+C does (`stop` closes the server and the store, which marks running training
 * runs interrupted and resumable) instead of dying with runs left 'running'. Exit code 1.
 */
export function stopOnUnexpectedError(
  target: ProcessEvents,
  deps: Readonly<{
    log: (message: string) => void
    stop: (reason: string, exitCode: number) => void
  }>,
): void {
  const handle = (what: string) => (err: unknown) => {
    deps.log(`${what}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)
    deps.stop(what, 1)
  }
  target.on('uncaughtException', handle('uncaught exception'))
  target.on('unhandledRejection', handle('unhandled rejection'))
}
