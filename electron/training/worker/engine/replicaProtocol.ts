import type { OptimizerSettings } from './optimizerSettings'
import type { Shard, ShardResult } from './trainingCore'
import type { EngineSnapshot } from './types'

/**
 * What a data-parallel engine asks each of its replica threads, and what each request returns.
 * Replicas handle requests strictly in order, so a coordinator may post an update and
 * immediately the next request without waiting.
 */
export type ReplicaRequests = {
  init: {
    input: {
      model: string
      inputSize: number
      seed: number
      index: number
      optimizer: OptimizerSettings
    }
    output: { threads: number }
  }
  gradients: {
    input: { shard: Shard }
    output: ShardResult & { flat: Float32Array; stats: Float32Array }
  }
  apply: {
    input: { flat: Float32Array; learningRate: number; stats: Float32Array }
    output: null
  }
  predict: { input: { x: Float32Array; count: number }; output: Float32Array }
  evaluate: {
    input: { x: Float32Array; y: Int32Array; count: number }
    output: { lossSum: number; probabilities: Float32Array }
  }
  snapshot: { input: null; output: EngineSnapshot }
  restore: { input: { snapshot: EngineSnapshot }; output: null }
  save: { input: { dir: string }; output: null }
  tensorCount: { input: null; output: number }
  dispose: { input: null; output: null }
}
