import * as tf from '../../common/tf'

import { NUM_EMOTIONS } from '../../../../shared/domain/emotion'

import { saveLayersModelToDir } from '../../common/models/layersModelFiles'
import type { ModelDefinition } from '../../common/models/modelDefinition'

import { createOptimizer } from './optimizer'
import { DEFAULT_OPTIMIZER, isDecayed, type OptimizerSettings } from './optimizerSettings'
import { createRandom } from './random'
import { compileTrainingGraph } from './trainingGraph'
import type { EngineSnapshot } from './types'

/** Faces per forward pass in predict/evaluate: bounds memory whatever the caller passes. */
const INFERENCE_CHUNK = 256
/** Probabilities are clipped like Keras does before the log, so a confident miss stays finite. */
const PROB_EPSILON = 1e-7

/** A batch, or one thread's shard of it. */
export type Shard = Readonly<{
  x: Float32Array
  /** `count * NUM_EMOTIONS` target probabilities (one-hot labels, smoothed, soft, mixed). */
  targets: Float32Array
  count: number
  sampleWeights: Float32Array | null
  /**
   * Faces in the whole batch: each face's loss is divided by it (Keras' sum_over_batch_size),
   * so shard gradients simply add up to the batch gradient.
   */
  batchCount: number
}>

export type ShardResult = Readonly<{ loss: number; correct: number }>

/**
 * One model, its optimizer and its training step on the active tfjs backend: what a
 * single-thread engine is, and what each thread of a data-parallel engine holds (same seed, so
 * the same weights; same averaged gradients every step, so they stay the same).
 */
export type TrainingCore = Readonly<{
  inputSize: number
  /** Gradients of the shard's loss, applied at once (single-thread training). */
  step(shard: Shard, learningRate: number): Promise<ShardResult>
  /** Gradients of the shard's loss flattened into one array, not applied. */
  gradients(shard: Shard): Promise<ShardResult & { flat: Float32Array }>
  /** Applies a flattened gradient (e.g. the sum of every shard's) with the optimizer. */
  applyGradients(flat: Float32Array, learningRate: number): void
  /** BatchNorm moving means and variances, flattened; set them to keep threads in step. */
  movingStats(): Promise<Float32Array>
  setMovingStats(values: Float32Array): void
  predict(x: Float32Array, count: number): Promise<Float32Array>
  /** Summed (not mean) cross-entropy and the probabilities. */
  evaluate(
    x: Float32Array,
    y: Int32Array,
    count: number,
  ): Promise<{ lossSum: number; probabilities: Float32Array }>
  snapshot(): Promise<EngineSnapshot>
  restore(snapshot: EngineSnapshot): void
  saveModel(dir: string): Promise<void>
  dispose(): void
}>

export type TrainingCoreOptions = Readonly<{
  definition: ModelDefinition
  /** The tfjs backend in use: our fused training graph runs on 'wasm'; others use tfjs-layers. */
  tfBackend: string
  seed: number
  /** Which dropout stream this core draws from: threads of one engine must not share masks. */
  randomStream?: number
  /** Default: Adam without decay. */
  optimizer?: OptimizerSettings
}>

function checkShard(x: Float32Array, y: Int32Array | null, count: number, pixels: number): void {
  if (x.length < count * pixels) {
    throw new Error(`Batch holds ${x.length} floats, expected ${count} faces x ${pixels} pixels`)
  }
  if (y && y.length < count) throw new Error(`Batch has ${y.length} labels for ${count} faces`)
}

function checkTargets(targets: Float32Array, count: number): void {
  if (targets.length < count * NUM_EMOTIONS) {
    throw new Error(
      `Batch has ${targets.length} target values, expected ${count} faces x ${NUM_EMOTIONS}`,
    )
  }
}

/** Builds the model (seeded), the optimizer, and the training graph for the backend. */
export function createTrainingCore(options: TrainingCoreOptions): TrainingCore {
  const { definition } = options
  const size = definition.inputSize
  const pixels = size * size
  const model = definition.build(options.seed)
  const trainable = model.trainableWeights.map((w) => w.read() as tf.Variable)
  const moving = model.weights.filter((w) => !w.trainable).map((w) => w.read() as tf.Variable)
  const optimizer = createOptimizer(
    trainable,
    options.optimizer ?? DEFAULT_OPTIMIZER,
    model.trainableWeights.map((w) => isDecayed(w.originalName)),
  )
  const graph = options.tfBackend === 'wasm' ? compileTrainingGraph(model) : null
  const random = createRandom(options.seed + 7919 * (options.randomStream ?? 0))

  const images = (x: Float32Array, start: number, count: number) =>
    tf.tensor4d(x.subarray(start * pixels, (start + count) * pixels), [count, size, size, 1])

  /** Per-face cross-entropy from softmax probabilities and integer labels. */
  const crossEntropy = (probs: tf.Tensor, labels: tf.Tensor1D) =>
    tf.neg(
      tf.log(
        tf.clipByValue(tf.sum(tf.mul(probs, tf.oneHot(labels, NUM_EMOTIONS)), 1), PROB_EPSILON, 1),
      ),
    )

  /** Loss, correct count and gradient tensors (caller disposes them). */
  const computeGradients = (shard: Shard) => {
    checkShard(shard.x, null, shard.count, pixels)
    checkTargets(shard.targets, shard.count)
    const { count } = shard
    const xs = images(shard.x, 0, count)
    const targets = tf.tensor2d(shard.targets.subarray(0, count * NUM_EMOTIONS), [
      count,
      NUM_EMOTIONS,
    ])
    const weights = shard.sampleWeights ? tf.tensor1d(shard.sampleWeights.subarray(0, count)) : null
    let correct: tf.Tensor | null = null
    const { value, grads } = tf.variableGrads(() => {
      let scores: tf.Tensor2D
      let perFace: tf.Tensor
      // -sum_k t_k log p_k: one path for one-hot, smoothed, soft and mixed targets (as the ONNX
      // graph's layers/loss.ts); 'correct' compares the arg-maxes of prediction and target.
      if (graph) {
        scores = graph.logits(xs, random)
        perFace = tf.neg(tf.sum(tf.mul(tf.logSoftmax(scores), targets), 1))
      } else {
        scores = model.apply(xs, { training: true }) as tf.Tensor2D
        perFace = tf.neg(
          tf.sum(tf.mul(tf.log(tf.clipByValue(scores, PROB_EPSILON, 1)), targets), 1),
        )
      }
      const hits = tf.equal(tf.argMax(scores, 1), tf.argMax(targets, 1))
      correct = tf.keep(tf.sum(tf.cast(hits, 'int32')))
      const weighted = weights ? tf.mul(perFace, weights) : perFace
      return tf.div(tf.sum(weighted), shard.batchCount) as tf.Scalar
    }, trainable)
    tf.dispose([xs, targets, ...(weights ? [weights] : [])])
    return { value, correct: correct!, grads: trainable.map((v) => grads[v.name]!) }
  }

  /** Inference-mode forward in bounded chunks; `each` reads what it needs synchronously. */
  const infer = (
    x: Float32Array,
    count: number,
    each: (probs: tf.Tensor2D, start: number, n: number) => void,
  ) => {
    for (let start = 0; start < count; start += INFERENCE_CHUNK) {
      const n = Math.min(INFERENCE_CHUNK, count - start)
      tf.tidy(() => {
        const probs = model.apply(images(x, start, n), { training: false }) as tf.Tensor2D
        each(probs, start, n)
      })
    }
  }

  const flatten = async (tensors: readonly tf.Tensor[]) => {
    const total = tensors.reduce((n, t) => n + t.size, 0)
    const flat = new Float32Array(total)
    let offset = 0
    for (const t of tensors) {
      flat.set((await t.data()) as Float32Array, offset)
      offset += t.size
    }
    return flat
  }

  const unflatten = (flat: Float32Array, like: readonly tf.Tensor[]) => {
    let offset = 0
    return like.map((t) => {
      const part = tf.tensor(flat.subarray(offset, offset + t.size), t.shape)
      offset += t.size
      return part
    })
  }

  return {
    inputSize: size,

    async step(shard, learningRate) {
      const { value, correct, grads } = computeGradients(shard)
      optimizer.apply(grads, learningRate)
      const [loss, right] = await Promise.all([value.data(), correct.data()])
      tf.dispose([value, correct, ...grads])
      return { loss: loss[0]!, correct: right[0]! }
    },

    async gradients(shard) {
      const { value, correct, grads } = computeGradients(shard)
      const flat = await flatten(grads)
      const [loss, right] = await Promise.all([value.data(), correct.data()])
      tf.dispose([value, correct, ...grads])
      return { loss: loss[0]!, correct: right[0]!, flat }
    },

    applyGradients(flat, learningRate) {
      const grads = unflatten(flat, trainable)
      optimizer.apply(grads, learningRate)
      tf.dispose(grads)
    },

    movingStats: () => flatten(moving),

    setMovingStats(values) {
      const parts = unflatten(values, moving)
      moving.forEach((v, i) => v.assign(parts[i]!))
      tf.dispose(parts)
    },

    async predict(x, count) {
      checkShard(x, null, count, pixels)
      const out = new Float32Array(count * NUM_EMOTIONS)
      infer(x, count, (probs, start) => out.set(probs.dataSync(), start * NUM_EMOTIONS))
      return Promise.resolve(out)
    },

    async evaluate(x, y, count) {
      checkShard(x, y, count, pixels)
      const probabilities = new Float32Array(count * NUM_EMOTIONS)
      let lossSum = 0
      infer(x, count, (probs, start, n) => {
        const labels = tf.tensor1d(y.subarray(start, start + n), 'int32')
        probabilities.set(probs.dataSync(), start * NUM_EMOTIONS)
        lossSum += tf.sum(crossEntropy(probs, labels)).dataSync()[0]!
      })
      return Promise.resolve({ lossSum, probabilities })
    },

    async snapshot() {
      const weights = []
      for (const w of model.weights) {
        const t = w.read()
        weights.push({ name: w.name, shape: t.shape, values: (await t.data()) as Float32Array })
      }
      return { weights, optimizer: await optimizer.state(), step: optimizer.step() }
    },

    restore(snapshot) {
      const targets = model.weights
      if (snapshot.weights.length !== targets.length) {
        throw new Error(`Snapshot has ${snapshot.weights.length} weights, model ${targets.length}`)
      }
      // By position: tfjs numbers layer names per process, so names differ between instances.
      targets.forEach((w, i) => {
        const saved = snapshot.weights[i]!
        const variable = w.read() as tf.Variable
        if (saved.shape.join('x') !== variable.shape.join('x')) {
          throw new Error(
            `Weight ${i} (${saved.name}) has shape ${saved.shape}, expected ${variable.shape}`,
          )
        }
        tf.tidy(() => variable.assign(tf.tensor(saved.values, saved.shape)))
      })
      optimizer.restore(snapshot.optimizer, snapshot.step)
    },

    saveModel: (dir) => saveLayersModelToDir(model, dir),

    dispose() {
      optimizer.dispose()
      model.dispose()
    },
  }
}
