import type { BatchLogs, EpochLogs, TrainingConfig } from '../../../../shared/domain/training'
import type { ComputeEngine } from '../engine/types'

/** Why a loop stopped before its last epoch. */
export type StopReason = 'cancelled' | 'earlyStopping' | 'timeBudget'

/**
 * What the loop shares with its callbacks (Keras' `self.model` + `stop_training`). Callbacks read
 * it and change only `learningRate`, `pausedMs` and the stop flag.
 */
export type TrainingContext = {
  readonly engine: ComputeEngine
  readonly config: TrainingConfig
  readonly batchesPerEpoch: number
  /** Rate for the next optimizer steps; schedules set it. */
  learningRate: number
  /** Time spent paused, left out of elapsed time, ETA and faces/s. */
  pausedMs: number
  /** Set by `stop`; the loop ends after the current batch (or epoch, for early stopping). */
  readonly stopReason: StopReason | null
  stop(reason: StopReason): void
  /** Every callback's `saveState()` by name, for the checkpoint. */
  collectState(): Record<string, unknown>
}

/** One epoch's result as callbacks see it: the logs and the validation confusion matrix. */
export type EpochResult = Readonly<{ logs: EpochLogs; confusion: number[][] | null }>

/**
 * A training hook (tfjs-layers `base_callbacks.ts`, Keras callbacks). Epochs and batches are
 * 1-based. Hooks may be async; the loop awaits each one, in list order, before going on.
 * A callback with state (best value, patience counter, current rate) saves it in every
 * checkpoint and gets it back on resume.
 */
export type TrainingCallback = Readonly<{
  name: string
  onTrainBegin?(ctx: TrainingContext): void | Promise<void>
  onEpochBegin?(epoch: number, ctx: TrainingContext): void | Promise<void>
  onBatchEnd?(logs: BatchLogs, ctx: TrainingContext): void | Promise<void>
  onEpochEnd?(result: EpochResult, ctx: TrainingContext): void | Promise<void>
  onTrainEnd?(ctx: TrainingContext): void | Promise<void>
  /** JSON-safe state for the checkpoint. */
  saveState?(): unknown
  /** Gets back what `saveState` returned, before `onTrainBegin`, when a run resumes. */
  loadState?(state: unknown): void | Promise<void>
}>

type Hook = 'onTrainBegin' | 'onEpochBegin' | 'onBatchEnd' | 'onEpochEnd' | 'onTrainEnd'

/** Calls one hook on every callback in order (Keras' CallbackList). */
export async function callHook<H extends Hook>(
  callbacks: readonly TrainingCallback[],
  hook: H,
  ...args: Parameters<NonNullable<TrainingCallback[H]>>
): Promise<void> {
  for (const callback of callbacks) {
    const fn = callback[hook] as ((...a: typeof args) => void | Promise<void>) | undefined
    if (fn) await fn.apply(callback, args)
  }
}

/**
 * The number a callback watches to call an epoch "better": validation accuracy, or train
 * accuracy when the run has no validation faces. Higher is better. One definition, so early
 * stopping, the saved best model and the run's best epoch always agree.
 */
export function monitorValue(logs: EpochLogs): number {
  return logs.valAccuracy ?? logs.accuracy
}
