import type { LrSchedule } from '../../../../shared/domain/training'

import type { TrainingCallback } from './callback'

/** Smallest drop in validation loss that counts as an improvement (Keras' min_delta default). */
const PLATEAU_MIN_DELTA = 1e-4

type PlateauState = { best: number | null; wait: number }

/**
 * The rate for each epoch under a schedule (tfjs has none built in):
 * - constant: the base rate;
 * - step: the base rate times `factor` every `every` epochs;
 * - cosine: from the base rate down to `minLr` along half a cosine over the run's epochs (or
 *   its time budget: see `budgetMs`);
 * - plateau (Keras' ReduceLROnPlateau): times `factor` after `patience` epochs in a row without
 *   a lower validation loss (train loss when there is no validation), never below `minLr`.
 * Epochs are 1-based. The current rate lives in the context, which the checkpoint saves.
 */
export function createLrSchedule(
  options: Readonly<{
    schedule: LrSchedule
    baseLr: number
    epochs: number
    /**
     * The run's time budget (ms) or null. With one, cosine follows time instead of epochs:
     * progress = elapsed / budget, updated after every batch, so the rate reaches `minLr` as the
     * time runs out however many epochs fit. Step and plateau stay per epoch.
     */
    budgetMs?: number | null
  }>,
): TrainingCallback {
  const { schedule, baseLr, epochs } = options
  const budgetMs = options.budgetMs ?? null
  const followsTime = budgetMs !== null && schedule.kind === 'cosine'
  const plateau: PlateauState = { best: null, wait: 0 }
  return {
    name: 'lrSchedule',
    onEpochBegin(epoch, ctx) {
      if (followsTime) return
      const rate = scheduledRate(schedule, baseLr, epochs, epoch)
      if (rate !== null) ctx.learningRate = rate
    },
    onBatchEnd(logs, ctx) {
      if (!followsTime || schedule.kind !== 'cosine') return
      ctx.learningRate = cosineRate(schedule.minLr, baseLr, logs.elapsedMs / budgetMs)
    },
    onEpochEnd({ logs }, ctx) {
      if (schedule.kind !== 'plateau') return
      const value = logs.valLoss ?? logs.loss
      if (plateau.best === null || value < plateau.best - PLATEAU_MIN_DELTA) {
        plateau.best = value
        plateau.wait = 0
        return
      }
      plateau.wait++
      if (plateau.wait >= schedule.patience) {
        ctx.learningRate = Math.max(ctx.learningRate * schedule.factor, schedule.minLr)
        plateau.wait = 0
      }
    },
    saveState: () => ({ ...plateau }),
    loadState(state) {
      const s = state as PlateauState
      plateau.best = s.best
      plateau.wait = s.wait
    },
  }
}

/** The rate a time-based schedule gives epoch `epoch` (1-based), or null for adaptive/constant. */
export function scheduledRate(
  schedule: LrSchedule,
  baseLr: number,
  epochs: number,
  epoch: number,
): number | null {
  switch (schedule.kind) {
    case 'constant':
    case 'plateau':
      return null
    case 'step':
      return baseLr * schedule.factor ** Math.floor((epoch - 1) / schedule.every)
    case 'cosine':
      return cosineRate(schedule.minLr, baseLr, epochs <= 1 ? 0 : (epoch - 1) / (epochs - 1))
  }
}

/** Half a cosine from `baseLr` (progress 0) down to `minLr` (progress 1 and beyond). */
export function cosineRate(minLr: number, baseLr: number, progress: number): number {
  const p = Math.min(1, Math.max(0, progress))
  return minLr + 0.5 * (baseLr - minLr) * (1 + Math.cos(Math.PI * p))
}
