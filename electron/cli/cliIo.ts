/**
 * Where a command writes and what it knows of its terminal. `runCli` takes one so tests run
 * commands in-process and read their output; `processIo()` is the real terminal.
 */
export type CliIo = Readonly<{
  /** Writes to stdout (results: text tables, or JSON with --json). */
  out(text: string): void
  /** Writes to stderr (errors, notes). */
  err(text: string): void
  /** The stream progress bars draw on, when stderr is a terminal; null disables them. */
  progressStream: NodeJS.WritableStream | null
  env: Readonly<Record<string, string | undefined>>
}>

/** The process's own stdout/stderr and environment. */
export function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    progressStream: process.stderr.isTTY ? process.stderr : null,
    env: process.env,
  }
}
