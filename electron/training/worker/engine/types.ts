import type { BackendName } from '../../../../shared/domain/training'

import type { OptimizerSettings } from './optimizerSettings'

/**
 * What the training loop needs from the numeric side, whatever runs underneath: one tfjs backend
 * in this thread, or several threads training data-parallel. The loop (trainer.ts) owns epochs,
 * callbacks, pause/cancel, schedules and persistence; an engine owns the model, the optimizer and
 * making each step correct and fast.
 *
 * Inputs are plain typed arrays so an engine may hand them to other threads without tfjs objects:
 * `x` is `count * size * size` floats in [0, 1] (NHWC, one channel); a training batch carries
 * `targets`, `count * NUM_EMOTIONS` probabilities per face (the data pipeline makes one-hot labels,
 * label smoothing, FER+ vote distributions and mixup all into these), evaluation `y`, the labels.
 */
export interface ComputeEngine {
  /** The backend actually in use ('wasm', 'tensorflow', ...) and how many threads it computes on. */
  readonly backend: BackendName
  readonly threads: number
  readonly inputSize: number

  /**
   * One optimizer step on a batch. `sampleWeights` (one per face, or null) scales each face's loss
   * (class weights); `learningRate` is this step's rate (schedules change it between steps).
   */
  trainBatch(batch: TrainBatch): Promise<TrainBatchResult>

  /** Softmax probabilities, `count * NUM_EMOTIONS` floats, in inference mode (no dropout, moving BN stats). */
  predict(x: Float32Array, count: number): Promise<Float32Array>

  /** Mean cross-entropy and the probabilities for labelled faces, in inference mode. */
  evaluate(
    x: Float32Array,
    y: Int32Array,
    count: number,
  ): Promise<{ loss: number; probabilities: Float32Array }>

  /** A copy of every weight (trainable and BN moving statistics) and the optimizer state. */
  snapshot(): Promise<EngineSnapshot>
  restore(snapshot: EngineSnapshot): Promise<void>

  /** Writes the model (tfjs LayersModel format: model.json + weights) to a folder. */
  saveModel(dir: string): Promise<void>

  /** Number of live tensors across the engine's threads, to prove memory stays flat. */
  tensorCount(): Promise<number>

  dispose(): Promise<void>
}

export type TrainBatch = Readonly<{
  x: Float32Array
  /** `count * NUM_EMOTIONS` target probabilities, each row summing to 1. */
  targets: Float32Array
  count: number
  sampleWeights: Float32Array | null
  learningRate: number
}>

export type TrainBatchResult = Readonly<{
  /** Mean (weighted) cross-entropy against the targets over the batch. */
  loss: number
  /** Faces whose arg-max prediction is their target's arg-max (the label, unless soft), in training mode. */
  correct: number
}>

/** Weights and optimizer state as plain arrays, in a fixed order, so they can be saved and moved. */
export type EngineSnapshot = Readonly<{
  weights: ReadonlyArray<{ name: string; shape: number[]; values: Float32Array }>
  optimizer: ReadonlyArray<{ name: string; shape: number[]; values: Float32Array }>
  /** Optimizer step count (Adam's bias correction). The optimizer arrays are named <slot>/<i>. */
  step: number
}>

export type CreateEngineOptions = Readonly<{
  /** Preset name from the model registry. */
  model: string
  /** Input side the model is built for (a run's random crop); default the preset's own 48. */
  inputSize?: number | null
  /** 'auto' picks the fastest backend that loads. */
  backend: 'auto' | BackendName
  seed: number
  /** Upper bound on compute threads; default all cores. */
  maxThreads?: number
  /** Default: Adam, no decay (optimizerSettings.ts). */
  optimizer?: OptimizerSettings
  /**
   * Whether the engine will train (default true). One that only predicts and evaluates skips
   * what only training uses (ONNX Runtime: watching for idle cores and starting shard threads).
   */
  training?: boolean
}>

export type CreateEngine = (options: CreateEngineOptions) => Promise<ComputeEngine>
