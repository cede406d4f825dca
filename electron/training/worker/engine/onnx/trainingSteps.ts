import type * as tf from '../../../common/tf'

import { ADAM_DEFAULTS } from '../adam'
import { stateSlots, type OptimizerSettings } from '../optimizerSettings'
import type { TrainBatchResult } from '../types'

import type { CompiledGraph } from './compileTraining'
import { compileUpdateStep, UPDATE_INPUTS } from './compileUpdate'
import { createSessionRunner } from './gradientShards'
import { createOrtSession, type OrtLoad, type OrtModule, type SessionOptions } from './loadOrt'
import { createOptimizerStep, updateScalars } from './optimizerStep'
import { openShardThreads, type SpawnShardThread } from './shardThreads'
import { allocateShared, partOf, sharedLayout, stateViews, weightViews } from './sharedMemory'
import { shardOf, type StepData } from './stepFeeds'
import { createWeightStore, type WeightStore } from './weightStore'

/** How the engine trains: the weight store and one optimizer step on a batch's data. */
export type TrainingStep = Readonly<{
  store: WeightStore
  threads: number
  shards: number
  run(data: StepData, learningRate: number): Promise<TrainBatchResult>
  endProfiling(): Promise<void>
  dispose(): Promise<void>
}>

export type TrainingStepInput = Readonly<{
  model: tf.LayersModel
  graph: CompiledGraph
  optimizer: OptimizerSettings
  inputSize: number
}>

/**
 * The whole batch in one session in this thread with `options.threads` intra-op threads, then the
 * update graph in another.
 */
export async function openSessionStep(
  input: TrainingStepInput &
    Readonly<{ ort: OrtModule; options: SessionOptions; load: () => Promise<OrtLoad> }>,
): Promise<TrainingStep> {
  const { graph, optimizer: settings, options } = input
  const session = async (bytes: Uint8Array, opts: SessionOptions) => {
    const created = await createOrtSession(bytes, opts, input.load)
    if (!created.ok) throw new Error(created.reason)
    return created
  }
  const gradient = await session(graph.bytes, options)
  const { profileFilePrefix: _profile, ...plain } = options
  const updateGraph = compileUpdateStep(
    graph.weights.filter((s) => s.ref.trainable).map((s) => s.ref),
    { update: 'optimizer', adam: ADAM_DEFAULTS, optimizer: settings },
  )
  const update = await session(updateGraph.bytes, plain)
  const runner = createSessionRunner(input.ort, gradient.session, graph, input.inputSize)
  const store = await createWeightStore(input.model, settings.kind)
  const optimizer = createOptimizerStep({
    ort: input.ort,
    session: update.session,
    graph: updateGraph,
    store,
    optimizer: settings,
  })
  return {
    store,
    threads: gradient.threads,
    shards: 1,
    async run(data, learningRate) {
      const result = await runner.run(data, store.weights)
      const gradients = new Map<number, Float32Array>()
      graph.weights.forEach((slot, k) => {
        if (slot.ref.trainable) gradients.set(slot.ref.index, result.outputs[k]!)
      })
      await optimizer.apply([gradients], learningRate)
      // BatchNorm's next moving statistics, over the whole batch.
      graph.weights.forEach((slot, k) => {
        if (!slot.ref.trainable) store.weights[slot.ref.index] = result.outputs[k]!
      })
      return { loss: result.loss, correct: result.correct }
    },
    endProfiling: runner.endProfiling,
    async dispose() {
      await runner.dispose()
      await update.session.release()
    },
  }
}

/** A shard's data in buffers of its own (posting a view would copy the whole buffer under it). */
function own(data: StepData): StepData {
  const copy = (a: Float32Array) => a.slice()
  return {
    count: data.count,
    x: copy(data.x),
    targets: copy(data.targets),
    faceWeights: copy(data.faceWeights),
    masks: data.masks.map(copy),
  }
}

/**
 * Data-parallel: `shards` threads, each a session of `options.threads` intra-op threads on its
 * part of the batch, which then also add the gradients and run the update of the weights each
 * owns, in memory they share with the engine (shardStep.ts). Throws if a thread cannot start.
 */
export async function openShardedStep(
  input: TrainingStepInput &
    Readonly<{ shards: number; options: SessionOptions; spawn?: SpawnShardThread }>,
): Promise<TrainingStep> {
  const { graph, optimizer: settings } = input
  const layout = sharedLayout(graph, input.shards, stateSlots(settings.kind).length)
  const buffers = allocateShared(layout)
  const threads = await openShardThreads({
    graph,
    layout,
    buffers,
    optimizer: settings,
    options: input.options,
    inputSize: input.inputSize,
    ...(input.spawn ? { spawn: input.spawn } : {}),
  })
  const store = await createWeightStore(input.model, settings.kind, {
    weights: weightViews(layout, new Float32Array(buffers.weights)),
    state: stateViews(layout, buffers),
  }).catch(async (err: unknown) => {
    await threads.dispose()
    throw err
  })
  return {
    store,
    threads: threads.threads,
    shards: layout.shards,
    async run(data, learningRate) {
      const step = store.step + 1
      const scalars: Record<string, number> = {}
      for (const [key, value] of Object.entries(updateScalars(settings, learningRate, step))) {
        scalars[UPDATE_INPUTS[key as keyof typeof UPDATE_INPUTS]] = value
      }
      const parts = Array.from({ length: layout.shards }, (_, k) => {
        const [start, end] = partOf(0, data.count, layout.shards, k)
        return own(shardOf(graph, data, start, end))
      })
      const result = await threads.step(parts, scalars)
      store.step = step
      return result
    },
    endProfiling: threads.endProfiling,
    dispose: threads.dispose,
  }
}
