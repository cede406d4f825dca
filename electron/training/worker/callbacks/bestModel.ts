import { monitorValue, type TrainingCallback } from './callback'
import { readCheckpointFile, writeCheckpointFile } from './checkpointFile'

export type BestModelOptions = Readonly<{
  /** Folder the best weights are saved to as a TF.js LayersModel. */
  modelDir: string
  /** File holding the best weights as a checkpoint, to restore them without the model format. */
  bestFile: string
}>

type State = { best: number | null; bestEpoch: number | null; lastEpoch: number | null }

/**
 * Keeps the run's best epoch (highest `monitorValue`) on disk: its weights as a checkpoint file
 * and as a LayersModel folder (what export and predict load). At the end of training it puts the
 * best weights back into the engine, so the final evaluation and anything after it see the best
 * model rather than the last one.
 */
export function createBestModel(options: BestModelOptions): TrainingCallback & {
  readonly bestEpoch: number | null
  readonly bestValue: number | null
} {
  const state: State = { best: null, bestEpoch: null, lastEpoch: null }
  return {
    name: 'bestModel',
    async onEpochEnd({ logs }, ctx) {
      state.lastEpoch = logs.epoch
      const value = monitorValue(logs)
      if (state.best !== null && value <= state.best) return
      state.best = value
      state.bestEpoch = logs.epoch
      const snapshot = await ctx.engine.snapshot()
      await writeCheckpointFile(options.bestFile, {
        epochsDone: logs.epoch,
        step: logs.epoch * ctx.batchesPerEpoch,
        elapsedMs: logs.elapsedMs,
        learningRate: ctx.learningRate,
        seed: ctx.config.seed,
        callbacks: {},
        snapshot,
      })
      await ctx.engine.saveModel(options.modelDir)
    },
    async onTrainEnd(ctx) {
      if (state.bestEpoch === null) return
      // After a cancel the weights are mid-epoch; after the last epoch they may be past the best.
      const best = await readCheckpointFile(options.bestFile)
      await ctx.engine.restore(best.snapshot)
    },
    saveState: () => ({ ...state }),
    loadState(saved) {
      Object.assign(state, saved as State)
    },
    get bestEpoch() {
      return state.bestEpoch
    },
    get bestValue() {
      return state.best
    },
  }
}
