import type { TrainingCallback, TrainingContext } from './callback'

export type RunControl = Readonly<{
  /** The loop-side half: checks requests between batches and waits while paused. */
  callback: TrainingCallback
  /** Pause after the current batch (idempotent). */
  pause(): void
  /** Continue a paused run (idempotent). */
  resume(): void
  /** Stop after the current batch, also while paused (idempotent). */
  cancel(): void
  readonly isCancelled: boolean
  readonly isPaused: boolean
  /** Who hears of the pauses and resumes the loop actually takes (one listener). */
  onStatus(listener: (status: 'running' | 'paused') => void): void
}>

/**
 * Pause, resume and cancel for a running loop. Requests arrive from main at any time; they take
 * effect at the next batch boundary (before an epoch's first batch or after any batch), so within
 * one batch. A cancel sets the loop's stop flag, like Keras' `model.stop_training = true`.
 * `onStatus` reports the pauses and resumes actually taken, so main shows what the loop does.
 */
export function createRunControl(options: Readonly<{ now: () => number }>): RunControl {
  let report: (status: 'running' | 'paused') => void = () => undefined
  let pauseRequested = false
  let cancelRequested = false
  let paused = false
  let wake: (() => void) | null = null

  const settle = async (ctx: TrainingContext): Promise<void> => {
    if (!cancelRequested && pauseRequested) {
      const since = options.now()
      paused = true
      report('paused')
      while (pauseRequested && !cancelRequested) {
        await new Promise<void>((resolve) => {
          wake = resolve
        })
      }
      paused = false
      ctx.pausedMs += options.now() - since
      if (!cancelRequested) report('running')
    }
    if (cancelRequested && ctx.stopReason === null) ctx.stop('cancelled')
  }
  const poke = () => {
    const w = wake
    wake = null
    w?.()
  }

  return {
    callback: {
      name: 'runControl',
      onEpochBegin: (_epoch, ctx) => settle(ctx),
      onBatchEnd: (_logs, ctx) => settle(ctx),
    },
    pause() {
      pauseRequested = true
    },
    resume() {
      pauseRequested = false
      poke()
    },
    cancel() {
      cancelRequested = true
      poke()
    },
    get isCancelled() {
      return cancelRequested
    },
    get isPaused() {
      return paused
    },
    onStatus(listener) {
      report = listener
    },
  }
}
