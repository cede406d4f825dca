import type { TrainingCallback } from './callback'
import { writeCheckpointFile } from './checkpointFile'

/**
 * Writes a checkpoint after every epoch (weights, optimizer state, position, elapsed time, the
 * rate and every callback's state), replacing the previous one atomically. A run whose worker
 * dies resumes from it at the next epoch. Place it after the callbacks whose state it saves.
 */
export function createCheckpoint(options: Readonly<{ file: string }>): TrainingCallback {
  return {
    name: 'checkpoint',
    async onEpochEnd({ logs }, ctx) {
      await writeCheckpointFile(options.file, {
        epochsDone: logs.epoch,
        step: logs.epoch * ctx.batchesPerEpoch,
        elapsedMs: logs.elapsedMs,
        learningRate: ctx.learningRate,
        seed: ctx.config.seed,
        callbacks: ctx.collectState(),
        snapshot: await ctx.engine.snapshot(),
      })
    },
  }
}
