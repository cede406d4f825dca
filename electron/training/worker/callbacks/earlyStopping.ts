import type { EngineSnapshot } from '../engine/types'

import { monitorValue, type TrainingCallback } from './callback'

export type EarlyStoppingOptions = Readonly<{
  /** Epochs without improvement before stopping. */
  patience: number
  /** Put back the weights of the best epoch when stopping (Keras' restore_best_weights). */
  restoreBest: boolean
  /** Smallest rise of the monitored value that counts as an improvement. */
  minDelta?: number
  /**
   * Where the best weights come from after a resume, when this process never held them (the
   * worker passes the run's best-weights file).
   */
  loadBest?: () => Promise<EngineSnapshot | null>
}>

type State = { best: number | null; bestEpoch: number | null; wait: number }

/**
 * Stops the run when the monitored value (validation accuracy, see `monitorValue`) has not
 * improved for `patience` epochs, like Keras' `EarlyStopping`, and with `restoreBest` really
 * restores the best epoch's weights through `engine.restore` (tfjs' own EarlyStopping cannot).
 * Holds one copy of the best weights in memory while restoreBest is on.
 */
export function createEarlyStopping(options: EarlyStoppingOptions): TrainingCallback & {
  readonly stoppedEpoch: number | null
  readonly bestEpoch: number | null
} {
  const minDelta = options.minDelta ?? 0
  const state: State = { best: null, bestEpoch: null, wait: 0 }
  let bestWeights: EngineSnapshot | null = null
  let stoppedEpoch: number | null = null

  return {
    name: 'earlyStopping',
    async onEpochEnd({ logs }, ctx) {
      const value = monitorValue(logs)
      if (state.best === null || value > state.best + minDelta) {
        state.best = value
        state.bestEpoch = logs.epoch
        state.wait = 0
        if (options.restoreBest) bestWeights = await ctx.engine.snapshot()
        return
      }
      state.wait++
      if (state.wait < options.patience) return
      stoppedEpoch = logs.epoch
      ctx.stop('earlyStopping')
      if (!options.restoreBest) return
      const weights = bestWeights ?? (await options.loadBest?.()) ?? null
      if (weights) await ctx.engine.restore(weights)
    },
    saveState: () => ({ ...state }),
    loadState(saved) {
      Object.assign(state, saved as State)
    },
    get stoppedEpoch() {
      return stoppedEpoch
    },
    get bestEpoch() {
      return state.bestEpoch
    },
  }
}
