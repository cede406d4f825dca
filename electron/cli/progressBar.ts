import cliProgress from 'cli-progress'

import type { CliIo } from './cliIo'

/** A progress display for long work; a no-op when stderr is not a terminal or with --json. */
export type ProgressBar = Readonly<{
  /** Shows `done` of `total` (null: unknown yet) with a short label for the current phase. */
  update(done: number, total: number | null, phase?: string): void
  stop(): void
}>

/** A progress bar on stderr (cli-progress), so stdout stays clean for results and --json. */
export function createProgressBar(
  io: CliIo,
  label: string,
  options: Readonly<{ json?: boolean }> = {},
): ProgressBar {
  if (io.progressStream === null || options.json) return { update: () => {}, stop: () => {} }
  const bar = new cliProgress.SingleBar(
    {
      stream: io.progressStream,
      format: `${label} [{bar}] {percentage}% | {value}/{total} | {phase} | {duration_formatted}`,
      hideCursor: true,
      clearOnComplete: false,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  )
  let started = false
  return {
    update(done, total, phase = '') {
      const shownTotal = Math.max(total ?? done, done, 1)
      if (!started) {
        bar.start(shownTotal, done, { phase })
        started = true
      } else {
        bar.setTotal(shownTotal)
        bar.update(done, { phase })
      }
    },
    stop() {
      if (started) bar.stop()
    },
  }
}
