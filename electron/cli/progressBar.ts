import cliProgress from 'cli-progress'

import type { CliIo } from './cliIo'

/** A progress display for long work; a no-op when stderr is not a terminal or with --json. */
export type ProgressBar = Readonly<{
  /**
   * Shows `done` of `total` with a short label for the current phase; while the total is unknown
   * (null), the bar follows `fraction` (share of the input read) and shows `done` alone.
   */
  update(done: number, total: number | null, phase?: string, fraction?: number): void
  stop(): void
}>

/** Steps of the bar while it follows a share of the input rather than a count. */
const SHARE_STEPS = 1000

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
      format: `${label} [{bar}] {percentage}% | {count} | {phase} | {duration_formatted}`,
      hideCursor: true,
      clearOnComplete: false,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  )
  let started = false
  return {
    update(done, total, phase = '', fraction) {
      const byShare = total === null && fraction !== undefined
      const shownTotal = byShare ? SHARE_STEPS : Math.max(total ?? done, done, 1)
      const value = byShare ? Math.round(fraction * SHARE_STEPS) : done
      const count = total === null ? `${done} read` : `${done}/${total}`
      if (!started) {
        bar.start(shownTotal, value, { phase, count })
        started = true
      } else {
        bar.setTotal(shownTotal)
        bar.update(value, { phase, count })
      }
    },
    stop() {
      if (started) bar.stop()
    },
  }
}
