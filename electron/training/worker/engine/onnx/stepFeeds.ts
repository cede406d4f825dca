import type * as Ort from 'onnxruntime-node'

import { ADAM_DEFAULTS } from '../adam'
import type { TrainBatch, TrainBatchResult } from '../types'

import { maskShape, STEP_INPUTS, type CompiledGraph } from './compileTraining'
import type { OrtModule } from './loadOrt'
import type { WeightStore } from './weightStore'

const CLASSES = 7

export type StepFeeds = Readonly<{
  /** The graph inputs of one step (draws the dropout masks from `random`). */
  prepare(batch: TrainBatch, random: () => number): Record<string, Ort.Tensor>
  /** Takes the step's outputs into the store (weights, moments, BN statistics, step count). */
  accept(result: Record<string, Ort.Tensor>): TrainBatchResult
}>

/**
 * Feeds and results of the training-step graph. The batch's target distributions go in as they
 * are (the data pipeline built them), sample weights are divided by the batch size (Keras' sum over batch size),
 * Adam's bias corrections are folded into the step size and epsilon as engine/adam.ts does.
 * Buffers are reused while the batch size stays the same.
 */
export function createStepFeeds(options: {
  ort: OrtModule
  graph: CompiledGraph
  store: WeightStore
  inputSize: number
}): StepFeeds {
  const { ort, graph, store, inputSize } = options
  const { beta1, beta2, epsilon } = ADAM_DEFAULTS
  const tensor = (values: Float32Array, dims: readonly number[]) =>
    new ort.Tensor('float32', values, [...dims])
  let buffers: {
    count: number
    targets: Float32Array
    weights: Float32Array
    masks: Float32Array[]
  } | null = null

  const buffersFor = (count: number) => {
    if (buffers?.count !== count) {
      buffers = {
        count,
        targets: new Float32Array(count * CLASSES),
        weights: new Float32Array(count),
        masks: graph.masks.map(
          (m) => new Float32Array(maskShape(m, count).reduce((a, b) => a * b, 1)),
        ),
      }
    }
    return buffers
  }

  return {
    prepare(batch, random) {
      const { count } = batch
      const b = buffersFor(count)
      if (batch.targets.length < count * CLASSES) {
        throw new Error(`Batch has ${batch.targets.length} target values, expected ${count} x 7`)
      }
      b.targets.set(batch.targets.subarray(0, count * CLASSES))
      for (let i = 0; i < count; i++) {
        b.weights[i] = (batch.sampleWeights ? batch.sampleWeights[i]! : 1) / count
      }
      graph.masks.forEach((mask, k) => {
        const values = b.masks[k]!
        const keep = 1 - mask.rate
        const scale = 1 / keep
        for (let i = 0; i < values.length; i++) values[i] = random() < keep ? scale : 0
      })
      const step = store.step + 1
      const c1 = 1 - beta1 ** step
      const c2 = 1 - beta2 ** step
      const feeds: Record<string, Ort.Tensor> = {
        [STEP_INPUTS.x]: tensor(batch.x.subarray(0, count * inputSize * inputSize), [
          count,
          inputSize,
          inputSize,
          1,
        ]),
        [STEP_INPUTS.targets]: tensor(b.targets, [count, CLASSES]),
        [STEP_INPUTS.faceWeights]: tensor(b.weights, [count]),
        [STEP_INPUTS.alpha]: tensor(Float32Array.of((batch.learningRate * Math.sqrt(c2)) / c1), []),
        [STEP_INPUTS.epsilon]: tensor(Float32Array.of(epsilon * Math.sqrt(c2)), []),
      }
      graph.masks.forEach((mask, k) => {
        feeds[mask.name] = tensor(b.masks[k]!, maskShape(mask, count))
      })
      for (const slot of graph.weights) {
        const index = slot.ref.index
        feeds[slot.input] = tensor(store.weights[index]!, slot.ref.shape)
        if (slot.m) feeds[slot.m.input] = tensor(store.m[index]!, slot.ref.shape)
        if (slot.v) feeds[slot.v.input] = tensor(store.v[index]!, slot.ref.shape)
      }
      return feeds
    },

    accept(result) {
      const read = (name: string) => result[name]!.data as Float32Array
      for (const slot of graph.weights) {
        const index = slot.ref.index
        store.weights[index] = read(slot.next!)
        if (slot.m) store.m[index] = read(slot.m.next)
        if (slot.v) store.v[index] = read(slot.v.next)
      }
      store.step += 1
      return {
        loss: read(graph.outputs.loss)[0]!,
        correct: Math.round(read(graph.outputs.correct)[0]!),
      }
    },
  }
}
