import * as tf from '../../../common/tf'

import { saveLayersModelToDir } from '../../../common/models/layersModelFiles'
import type { ModelDefinition } from '../../../common/models/modelDefinition'
import { ADAM_DEFAULTS } from '../adam'
import { createRandom } from '../random'
import type { ComputeEngine, EngineSnapshot } from '../types'

import { compileInferenceGraph } from './compileInference'
import { compileTrainingStep } from './compileTraining'
import { createOrtSession, loadOrt, type GraphOptimization, type OrtLoad } from './loadOrt'
import { openOrtInference, type OrtInference } from './ortInference'
import { readPresetLayers } from './presetLayers'
import { createStepFeeds } from './stepFeeds'
import { createWeightStore } from './weightStore'

export type OnnxEngineOptions = Readonly<{
  definition: ModelDefinition
  seed: number
  /** ORT intra-op threads (default every core). */
  threads: number
  optimization?: GraphOptimization
  /** Writes ORT profiles of the training step with this prefix (benchmarks). */
  profileFilePrefix?: string
  load?: () => Promise<OrtLoad>
}>

function checkShard(x: Float32Array, y: Int32Array | null, count: number, pixels: number): void {
  if (x.length < count * pixels) {
    throw new Error(`Batch holds ${x.length} floats, expected ${count} faces x ${pixels} pixels`)
  }
  if (y && y.length < count) throw new Error(`Batch has ${y.length} labels for ${count} faces`)
}

/**
 * The ONNX Runtime engine: the preset compiled into one training-step graph (forward, loss,
 * backward and Adam, weights as inputs) and, for predict/evaluate, the inference graph the
 * export uses with the current weights baked in (ORT then folds BatchNorm and picks its fastest
 * convolution layout); it is rebuilt only when the weights changed since the last one, i.e. once
 * per validation pass. Weights, moments and BN statistics live here as Float32Arrays in tfjs'
 * layout; the tfjs model built from the preset only receives them for saveModel, so checkpoints
 * and exports are the same files every engine writes and a run can resume on another backend.
 */
/** The engine, plus ending ORT's profile of the training step (when profileFilePrefix was set). */
export type OnnxEngine = ComputeEngine & Readonly<{ endProfiling(): Promise<void> }>

export async function createOnnxEngine(options: OnnxEngineOptions): Promise<OnnxEngine> {
  const { definition } = options
  const size = definition.inputSize
  const pixels = size * size
  const model = definition.build(options.seed)
  const layers = readPresetLayers(model)
  const stepGraph = compileTrainingStep(layers, { update: 'adam', adam: ADAM_DEFAULTS })
  const load = options.load ?? (() => loadOrt())
  const session = async (bytes: Uint8Array, profile?: string) => {
    const created = await createOrtSession(
      bytes,
      {
        threads: options.threads,
        ...(options.optimization ? { optimization: options.optimization } : {}),
        ...(profile ? { profileFilePrefix: profile } : {}),
      },
      load,
    )
    if (!created.ok) throw new Error(created.reason)
    return created
  }
  const train = await session(stepGraph.bytes, options.profileFilePrefix)
  const { ort } = train
  const store = await createWeightStore(model)
  const feeds = createStepFeeds({ ort, graph: stepGraph, store, inputSize: size })
  const random = createRandom(options.seed)

  /** Bumped whenever the weights change: the inference session is rebuilt lazily after. */
  let version = 0
  let inference: { version: number; graph: OrtInference } | null = null
  const currentInference = async (): Promise<OrtInference> => {
    if (inference?.version !== version) {
      await inference?.graph.dispose()
      inference = null
      const bytes = compileInferenceGraph({ layers, weights: store.weights, inputSize: size })
      const opened = await openOrtInference(bytes, size, { threads: options.threads })
      if (!opened.ok) throw new Error(opened.reason)
      inference = { version, graph: opened.inference }
    }
    return inference.graph
  }

  return {
    backend: 'onnxruntime',
    threads: train.threads,
    inputSize: size,

    async trainBatch(batch) {
      checkShard(batch.x, null, batch.count, pixels)
      const run = feeds.prepare(batch, random)
      const result = await train.session.run(run)
      version += 1
      return feeds.accept(result)
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

    endProfiling: () => Promise.resolve(train.session.endProfiling()),

    async dispose() {
      await train.session.release()
      await inference?.graph.dispose()
      model.dispose()
    },
  }
}
