import type * as Ort from 'onnxruntime-node'

import type { TrainBatch } from '../types'

import { maskShape, STEP_INPUTS, type CompiledGraph, type MaskInput } from './compileTraining'
import { BATCH } from './layers/emitContext'
import type { OrtModule } from './loadOrt'
import type { TensorData } from './sessionThreadProtocol'

const CLASSES = 7

/**
 * One step's data as plain arrays, for the whole batch or one shard of it: faces, targets,
 * per-face weights (already divided by the WHOLE batch's size, so shard losses and gradients add
 * up to the batch's) and the dropout masks in graph.masks order.
 */
export type StepData = Readonly<{
  count: number
  x: Float32Array
  targets: Float32Array
  faceWeights: Float32Array
  masks: readonly Float32Array[]
}>

export type StepFeeds = Readonly<{
  /** The step's data for the whole batch (draws the dropout masks from `random`). */
  prepare(batch: TrainBatch, random: () => number): StepData
}>

/**
 * Data of the gradient graph. The batch's target distributions go in as the data pipeline built
 * them, sample weights are divided by the batch size (Keras' sum over batch size). Buffers are reused
 * while the batch size stays the same.
 */
export function createStepFeeds(options: { graph: CompiledGraph; inputSize: number }): StepFeeds {
  const { graph, inputSize } = options
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
      return {
        count,
        x: batch.x.subarray(0, count * inputSize * inputSize),
        targets: b.targets,
        faceWeights: b.weights,
        masks: b.masks,
      }
    },
  }
}

/** Faces [start, end) of a mask whose dims hold the batch once (e.g. [C, N, H, W] or [N, F]). */
function maskRows(
  mask: MaskInput,
  values: Float32Array,
  count: number,
  start: number,
  end: number,
) {
  const dims = maskShape(mask, count)
  const at = mask.dims.indexOf(BATCH)
  const outer = dims.slice(0, at).reduce((a, b) => a * b, 1)
  const inner = dims.slice(at + 1).reduce((a, b) => a * b, 1)
  if (outer === 1) return values.subarray(start * inner, end * inner)
  const out = new Float32Array(outer * (end - start) * inner)
  for (let o = 0; o < outer; o++) {
    const from = (o * count + start) * inner
    out.set(values.subarray(from, from + (end - start) * inner), o * (end - start) * inner)
  }
  return out
}

/** Faces [start, end) of a step's data: the same values the whole batch gives those faces. */
export function shardOf(
  graph: CompiledGraph,
  data: StepData,
  start: number,
  end: number,
): StepData {
  const pixels = data.x.length / data.count
  return {
    count: end - start,
    x: data.x.subarray(start * pixels, end * pixels),
    targets: data.targets.subarray(start * CLASSES, end * CLASSES),
    faceWeights: data.faceWeights.subarray(start, end),
    masks: graph.masks.map((mask, k) => maskRows(mask, data.masks[k]!, data.count, start, end)),
  }
}

/** The gradient graph's inputs for `data` with the model's weights (by position), as plain data. */
export function gradientInputs(
  graph: CompiledGraph,
  data: StepData,
  weights: readonly Float32Array[],
  inputSize: number,
): Record<string, TensorData> {
  const { count } = data
  const inputs: Record<string, TensorData> = {
    [STEP_INPUTS.x]: { data: data.x, dims: [count, inputSize, inputSize, 1] },
    [STEP_INPUTS.targets]: { data: data.targets, dims: [count, CLASSES] },
    [STEP_INPUTS.faceWeights]: { data: data.faceWeights, dims: [count] },
  }
  graph.masks.forEach((mask, k) => {
    inputs[mask.name] = { data: data.masks[k]!, dims: maskShape(mask, count) }
  })
  for (const slot of graph.weights) {
    inputs[slot.input] = { data: weights[slot.ref.index]!, dims: slot.ref.shape }
  }
  return inputs
}

/** gradientInputs as ORT tensors, for a session in this thread. */
export function gradientFeeds(
  ort: OrtModule,
  graph: CompiledGraph,
  data: StepData,
  weights: readonly Float32Array[],
  inputSize: number,
): Record<string, Ort.Tensor> {
  const inputs = gradientInputs(graph, data, weights, inputSize)
  return Object.fromEntries(
    Object.entries(inputs).map(([name, t]) => [
      name,
      new ort.Tensor('float32', t.data, [...t.dims]),
    ]),
  )
}
