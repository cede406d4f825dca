import type { EpochLogs } from '../../../../shared/domain/training'
import type { ComputeEngine } from '../engine/types'
import { testConfig } from '../../main/trainerFixtures.testUtil'

import type { StopReason, TrainingCallback, TrainingContext } from './callback'

/** A loop context for driving one callback by hand, as trainer.ts would. */
export function testContext(
  engine: ComputeEngine | null,
  options: { learningRate?: number; callbacks?: TrainingCallback[]; batchesPerEpoch?: number } = {},
): TrainingContext {
  let stopReason: StopReason | null = null
  return {
    get engine(): ComputeEngine {
      if (!engine) throw new Error('this test has no engine')
      return engine
    },
    config: testConfig(),
    batchesPerEpoch: options.batchesPerEpoch ?? 4,
    learningRate: options.learningRate ?? 0.01,
    pausedMs: 0,
    get stopReason() {
      return stopReason
    },
    stop(reason) {
      stopReason ??= reason
    },
    collectState() {
      const out: Record<string, unknown> = {}
      for (const cb of options.callbacks ?? []) if (cb.saveState) out[cb.name] = cb.saveState()
      return out
    },
  }
}

/** Epoch logs with the given validation accuracy and loss; the rest plausible filler. */
export function epochLogs(
  epoch: number,
  valAccuracy: number | null,
  valLoss: number | null = null,
): EpochLogs {
  return {
    epoch,
    loss: 1,
    accuracy: 0.5,
    valLoss,
    valAccuracy,
    valMacroF1: valAccuracy,
    learningRate: 0.01,
    elapsedMs: epoch * 1000,
    etaMs: 0,
    facesPerSecond: 100,
  }
}
