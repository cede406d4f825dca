import * as tf from '../../../common/tf'

import { saveLayersModelToDir } from '../../../common/models/layersModelFiles'
import type { ModelDefinition } from '../../../common/models/modelDefinition'
import { DEFAULT_OPTIMIZER, type OptimizerSettings } from '../optimizerSettings'
import { createRandom } from '../random'
import type { ComputeEngine, EngineSnapshot } from '../types'

import { compileInferenceGraph } from './compileInference'
import { compileTrainingStep } from './compileTraining'
import { loadOrt, type GraphOptimization, type OrtLoad } from './loadOrt'
import { openOrtInference, openThreadedInference, type OrtInference } from './ortInference'
import { readPresetLayers } from './presetLayers'
import type { SpawnSessionThread } from './sessionThread'
import type { SpawnShardThread } from './shardThreads'
import { createStepFeeds } from './stepFeeds'
import { openSessionStep, openShardedStep, type TrainingStep } from './trainingSteps'

export type OnnxEngineOptions = Readonly<{
  definition: ModelDefinition
  seed: number
  /** Cores to compute on: the shards' threads together (every core by default upstream). */
  threads: number
  /**
   * Data-parallel shards of each batch, each a gradient session of threads / shards intra-op
   * threads in its own thread, which also updates its part of the weights (shardStep.ts). With
   * more than one, BatchNorm normalises over each shard's faces. Default 1: one session in this
   * thread on all `threads`, the whole-batch step. Two 1-thread shards trained fast-cnn 25% faster
   * than one 2-thread session on 2 idle cores, one session 15-20% faster when other work held the
   * cores (bench/results/ort-training-attempts.md, rows 18-19; `auto` picks by shardPolicy.ts).
   */
  shards?: number
  /** Starts an inference session thread (default: ortSessionWorker beside this file). */
  spawnSessionThread?: SpawnSessionThread
  /** Starts a training shard thread (default: ortShardWorker beside this file). */
  spawnShardThread?: SpawnShardThread
  /** Where to say that the session threads could not start and one session is used instead. */
  warn?: (message: string) => void
  optimization?: GraphOptimization
  /** Writes ORT profiles of the training step with this prefix (benchmarks). */
  profileFilePrefix?: string
  load?: () => Promise<OrtLoad>
  /** Default: Adam without decay. */
  optimizer?: OptimizerSettings
}>

function checkShard(x: Float32Array, y: Int32Array | null, count: number, pixels: number): void {
  if (x.length < count * pixels) {
    throw new Error(`Batch holds ${x.length} floats, expected ${count} faces x ${pixels} pixels`)
  }
  if (y && y.length < count) throw new Error(`Batch has ${y.length} labels for ${count} faces`)
}

/**
 * The engine, the shards it trains on (1 when their threads could not start) and ending ORT's
 * profile of the training step (when profileFilePrefix was set).
 */
export type OnnxEngine = ComputeEngine & Readonly<{ shards: number; endProfiling(): Promise<void> }>

/**
 * The ONNX Runtime engine: the preset compiled into a gradient graph (forward, loss, backward,
 * new BN statistics; weights as inputs) run on the batch or on each shard of it, an update graph
 * (the optimizer) on the gradients (trainingSteps.ts) and, for predict/evaluate (split between
 * threads), the inference graph the export uses with the current weights baked in (ORT then folds
 * BatchNorm and picks its fastest convolution layout); it is rebuilt only when the weights changed
 * since the last one, i.e. once per validation pass. Weights, optimizer state and BN statistics
 * live here as Float32Arrays in tfjs' layout (over memory shared with the shard threads when
 * sharded); the tfjs model built from the preset only receives them for saveModel, so checkpoints
 * and exports are the same files every engine writes and a run can resume on another backend.
 */
export async function createOnnxEngine(options: OnnxEngineOptions): Promise<OnnxEngine> {
  const { definition } = options
  const size = definition.inputSize
  const pixels = size * size
  const model = definition.build(options.seed)
  const settings = options.optimizer ?? DEFAULT_OPTIMIZER
  const layers = readPresetLayers(model)
  const gradientGraph = compileTrainingStep(layers, { update: 'gradients' })
  const load = options.load ?? (() => loadOrt())
  const sessionOptions = (threads: number) => ({
    threads,
    ...(options.optimization ? { optimization: options.optimization } : {}),
    ...(options.profileFilePrefix ? { profileFilePrefix: options.profileFilePrefix } : {}),
  })
  const loaded = await load()
  if (!loaded.ok) throw new Error(loaded.reason)
  const { ort } = loaded
  const training = await openTraining()
  const { store } = training
  async function openTraining(): Promise<TrainingStep> {
    const input = { model, graph: gradientGraph, optimizer: settings, inputSize: size }
    const shards = Math.max(1, options.shards ?? 1)
    if (shards > 1) {
      try {
        return await openShardedStep({
          ...input,
          shards,
          options: sessionOptions(Math.max(1, Math.floor(options.threads / shards))),
          ...(options.spawnShardThread ? { spawn: options.spawnShardThread } : {}),
        })
      } catch (err) {
        options.warn?.(`ONNX Runtime threads unavailable, one session is used: ${String(err)}`)
      }
    }
    return openSessionStep({ ...input, ort, load, options: sessionOptions(options.threads) })
  }
  const feeds = createStepFeeds({ graph: gradientGraph, inputSize: size })
  const random = createRandom(options.seed)

  /**
   * One 1-thread session per core, each on its share of every chunk (measured faster than one
   * session with every thread); here in one session when there is one thread or no threads start.
   */
  const openInference = async (bytes: Uint8Array): Promise<OrtInference> => {
    if (options.threads > 1) {
      try {
        return await openThreadedInference(
          bytes,
          size,
          { threads: 1 },
          options.threads,
          options.spawnSessionThread,
        )
      } catch (err) {
        options.warn?.(`ONNX Runtime threads unavailable for inference: ${String(err)}`)
      }
    }
    const opened = await openOrtInference(bytes, size, { threads: options.threads })
    if (!opened.ok) throw new Error(opened.reason)
    return opened.inference
  }

  /** Bumped whenever the weights change: the inference session is rebuilt lazily after. */
  let version = 0
  let inference: { version: number; graph: OrtInference } | null = null
  const currentInference = async (): Promise<OrtInference> => {
    if (inference?.version !== version) {
      await inference?.graph.dispose()
      inference = null
      const bytes = compileInferenceGraph({ layers, weights: store.weights, inputSize: size })
      inference = { version, graph: await openInference(bytes) }
    }
    return inference.graph
  }

  return {
    backend: 'onnxruntime',
    threads: training.threads,
    shards: training.shards,
    inputSize: size,

    async trainBatch(batch) {
      checkShard(batch.x, null, batch.count, pixels)
      const result = await training.run(feeds.prepare(batch, random), batch.learningRate)
      version += 1
      return result
    },

    async predict(x, count) {
      checkShard(x, null, count, pixels)
      return (await currentInference()).predict(x, count)
    },

    async evaluate(x, y, count) {
      checkShard(x, y, count, pixels)
      const { lossSum, probabilities } = await (await currentInference()).evaluate(x, y, count)
      return { loss: count > 0 ? lossSum / count : 0, probabilities }
    },

    snapshot: (): Promise<EngineSnapshot> => Promise.resolve(store.snapshot()),
    restore(snapshot) {
      store.restore(snapshot)
      version += 1
      return Promise.resolve()
    },

    async saveModel(dir) {
      store.writeInto(model)
      await saveLayersModelToDir(model, dir)
    },

    tensorCount: () => Promise.resolve(tf.memory().numTensors),

    endProfiling: () => training.endProfiling(),

    async dispose() {
      await training.dispose()
      await inference?.graph.dispose()
      model.dispose()
    },
  }
}
