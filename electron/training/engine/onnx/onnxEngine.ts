import * as tf from '../../tf'

import { saveLayersModelToDir } from '../../models/layersModelFiles'
import type { ModelDefinition } from '../../models/modelDefinition'
import { ADAM_DEFAULTS } from '../adam'
import { createRandom } from '../random'
import type { ComputeEngine, EngineSnapshot } from '../types'

import { compileForward, compileTrainingStep } from './compileTraining'
import { createOrtSession, loadOrt, type GraphOptimization, type OrtLoad } from './loadOrt'
import { readPresetLayers } from './presetLayers'
import { createStepFeeds } from './stepFeeds'
import { createWeightStore } from './weightStore'

/** Faces per inference run: bounds memory whatever the caller passes. */
const INFERENCE_CHUNK = 256
/** Probabilities are clipped like Keras does before the log, so a confident miss stays finite. */
const PROB_EPSILON = 1e-7

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
 * backward and Adam) and one inference graph, both taking the weights as inputs. Weights,
 * moments and BN statistics live here as Float32Arrays in tfjs' layout; the tfjs model built
 * from the preset only receives them for saveModel, so checkpoints and exports are the same
 * files every engine writes and a run can resume on another backend.
 */
export async function createOnnxEngine(options: OnnxEngineOptions): Promise<ComputeEngine> {
  const { definition } = options
  const size = definition.inputSize
  const pixels = size * size
  const model = definition.build(options.seed)
  const layers = readPresetLayers(model)
  const stepGraph = compileTrainingStep(layers, { update: 'adam', adam: ADAM_DEFAULTS })
  const forwardGraph = compileForward(layers)
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
  const infer = await session(forwardGraph.bytes)
  const { ort } = train
  const store = await createWeightStore(model)
  const feeds = createStepFeeds({ ort, graph: stepGraph, store, inputSize: size })
  const random = createRandom(options.seed)

  const tensor = (values: Float32Array, dims: readonly number[]) =>
    new ort.Tensor('float32', values, [...dims])

  /** Inference-mode probabilities in bounded chunks. */
  const probabilities = async (x: Float32Array, count: number) => {
    const out = new Float32Array(count * 7)
    const weightFeeds = Object.fromEntries(
      forwardGraph.weights.map((slot) => [
        slot.input,
        tensor(store.weights[slot.ref.index]!, slot.ref.shape),
      ]),
    )
    for (let start = 0; start < count; start += INFERENCE_CHUNK) {
      const n = Math.min(INFERENCE_CHUNK, count - start)
      const result = await infer.session.run({
        ...weightFeeds,
        x: tensor(x.subarray(start * pixels, (start + n) * pixels), [n, size, size, 1]),
      })
      out.set(result[forwardGraph.outputs.probabilities!]!.data as Float32Array, start * 7)
    }
    return out
  }

  return {
    backend: 'onnxruntime',
    threads: train.threads,
    inputSize: size,

    async trainBatch(batch) {
      checkShard(batch.x, batch.y, batch.count, pixels)
      const run = feeds.prepare(batch, random)
      const result = await train.session.run(run)
      return feeds.accept(result)
    },

    predict(x, count) {
      checkShard(x, null, count, pixels)
      return probabilities(x, count)
    },

    async evaluate(x, y, count) {
      checkShard(x, y, count, pixels)
      const probs = await probabilities(x, count)
      let lossSum = 0
      for (let i = 0; i < count; i++) {
        const p = Math.min(Math.max(probs[i * 7 + y[i]!]!, PROB_EPSILON), 1)
        lossSum -= Math.log(p)
      }
      return { loss: count > 0 ? lossSum / count : 0, probabilities: probs }
    },

    snapshot: (): Promise<EngineSnapshot> => Promise.resolve(store.snapshot()),
    restore: (snapshot) => Promise.resolve(store.restore(snapshot)),

    async saveModel(dir) {
      store.writeInto(model)
      await saveLayersModelToDir(model, dir)
    },

    tensorCount: () => Promise.resolve(tf.memory().numTensors),

    async dispose() {
      await train.session.release()
      await infer.session.release()
      model.dispose()
    },
  }
}
