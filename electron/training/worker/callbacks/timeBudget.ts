import type { TrainingCallback } from './callback'

export type TimeBudgetOptions = Readonly<{
  /** Training time allowed (ms, as the logs count it: pauses excluded, across resumes). */
  budgetMs: number
  /** Validation faces per epoch: with the training speed, the first guess of a validation pass. */
  validationFaces: number
  /**
   * Views per face of the final evaluation's test-time augmentation (1 plain, 2 flip, 10
   * ten-crop): that evaluation costs about that many validation passes. Default 1.
   */
  finalEvaluationViews?: number
}>

/**
 * Validation is inference only (BatchNorm folded, no backward): measured at about a sixth of a
 * training step per face on fast-cnn (ONNX Runtime, 2 cores); guessed a little above that until a
 * first epoch's end has been measured.
 */
const FIRST_GUESS_VALIDATION_SHARE = 0.2

type State = {
  /** Elapsed time at the last batch of the previous epoch. */
  lastBatchMs: number | null
  /** Longest time seen from an epoch's last batch to the next epoch's first (validation, saves). */
  overheadMs: number | null
  /** Elapsed time of the last batch seen, and the longest batch seen. */
  previousBatchMs: number | null
  longestBatchMs: number
  /** Elapsed time at the end of the last epoch, until the next epoch's first batch. */
  epochEndedAt: number | null
}

/**
 * Ends a run when its time budget is spent, rather than at an epoch count: after every batch,
 * when the time left no longer holds the work still to come — the validation pass and saves at
 * the end of this (cut short) epoch, about one epoch-end overhead as measured, and the evaluation
 * of the best weights after training, that overhead once per view of its test-time augmentation
 * — it stops. The loop then validates the partial epoch
 * like any other; best-model restores the best epoch's weights, as after early stopping. At least
 * one batch always runs. Also stops at an epoch boundary when not even that work would fit.
 */
export function createTimeBudget(options: TimeBudgetOptions): TrainingCallback {
  const state: State = {
    lastBatchMs: null,
    overheadMs: null,
    previousBatchMs: null,
    longestBatchMs: 0,
    epochEndedAt: null,
  }

  /** Time the end of a run needs after its last batch: validation + saves, then the final evaluation. */
  const reserveMs = (facesPerSecond: number) => {
    const overhead =
      state.overheadMs ??
      (facesPerSecond > 0
        ? (options.validationFaces / facesPerSecond) * 1000 * FIRST_GUESS_VALIDATION_SHARE
        : 0)
    return (1 + (options.finalEvaluationViews ?? 1)) * overhead + state.longestBatchMs
  }

  return {
    name: 'timeBudget',
    onBatchEnd(logs, ctx) {
      if (state.previousBatchMs !== null && state.epochEndedAt === null) {
        state.longestBatchMs = Math.max(
          state.longestBatchMs,
          logs.elapsedMs - state.previousBatchMs,
        )
      }
      if (state.epochEndedAt !== null && state.lastBatchMs !== null) {
        // First batch of an epoch: what lay between it and the previous epoch's last batch is
        // that epoch's end (validation, checkpoint, best model) plus this one batch.
        const overhead = logs.elapsedMs - state.lastBatchMs - state.longestBatchMs
        state.overheadMs = Math.max(state.overheadMs ?? 0, overhead)
      }
      state.epochEndedAt = null
      state.previousBatchMs = logs.elapsedMs
      if (logs.elapsedMs + reserveMs(logs.facesPerSecond) >= options.budgetMs)
        ctx.stop('timeBudget')
    },
    onEpochEnd({ logs }, ctx) {
      state.lastBatchMs = state.previousBatchMs
      state.epochEndedAt = logs.elapsedMs
      if (logs.elapsedMs + reserveMs(logs.facesPerSecond) >= options.budgetMs)
        ctx.stop('timeBudget')
    },
    saveState: () => ({ ...state }),
    loadState(saved) {
      Object.assign(state, saved as State)
    },
  }
}
