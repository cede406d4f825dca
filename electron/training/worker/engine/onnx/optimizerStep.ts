import type * as Ort from 'onnxruntime-node'

import { ADAM_DEFAULTS } from '../adam'
import { DEFAULT_OPTIMIZER, type OptimizerSettings } from '../optimizerSettings'

import { UPDATE_INPUTS, type CompiledUpdate } from './compileUpdate'
import type { OrtModule, OrtSession } from './loadOrt'
import type { WeightStore } from './weightStore'

/**
 * Applies one optimizer step to the store from each shard's gradients (by weight position; the
 * graph adds them). Fewer shards than the graph takes (a last, small batch) count as zeros.
 */
export type OptimizerStep = Readonly<{
  apply(shards: readonly ReadonlyMap<number, Float32Array>[], learningRate: number): Promise<void>
}>

/**
 * The per-step scalars of an update graph (compileUpdate.ts' UPDATE_INPUTS): Adam's bias
 * corrections folded into the step size and epsilon as engine/optimizer.ts does, SGD's rate, and
 * the decoupled decay factor 1 - lr wd.
 */
export function updateScalars(
  optimizer: OptimizerSettings,
  learningRate: number,
  step: number,
): Partial<Record<keyof typeof UPDATE_INPUTS, number>> {
  const decay = optimizer.kind !== 'adam' && optimizer.weightDecay > 0
  const out: Partial<Record<keyof typeof UPDATE_INPUTS, number>> = decay
    ? { decay: 1 - learningRate * optimizer.weightDecay }
    : {}
  if (optimizer.kind === 'sgd') return { ...out, learningRate }
  const { beta1, beta2, epsilon } = ADAM_DEFAULTS
  const c1 = 1 - beta1 ** step
  const c2 = 1 - beta2 ** step
  return { ...out, alpha: (learningRate * Math.sqrt(c2)) / c1, epsilon: epsilon * Math.sqrt(c2) }
}

/** Runs the update graph (compileUpdateStep) once per step, with the store's step count. */
export function createOptimizerStep(options: {
  ort: OrtModule
  session: OrtSession
  graph: CompiledUpdate
  store: WeightStore
  optimizer?: OptimizerSettings
}): OptimizerStep {
  const { ort, session, graph, store } = options
  const optimizer = options.optimizer ?? DEFAULT_OPTIMIZER
  const tensor = (values: Float32Array, dims: readonly number[]) =>
    new ort.Tensor('float32', values, [...dims])
  const zeros = new Map<number, Float32Array>()
  const zerosFor = (index: number, size: number) => {
    let z = zeros.get(index)
    if (!z) zeros.set(index, (z = new Float32Array(size)))
    return z
  }
  return {
    async apply(shards, learningRate) {
      const step = store.step + 1
      const feeds: Record<string, Ort.Tensor> = {}
      for (const [key, value] of Object.entries(updateScalars(optimizer, learningRate, step))) {
        feeds[UPDATE_INPUTS[key as keyof typeof UPDATE_INPUTS]] = tensor(Float32Array.of(value), [])
      }
      for (const slot of graph.weights) {
        const index = slot.ref.index
        const weight = store.weights[index]!
        feeds[slot.input] = tensor(weight, slot.ref.shape)
        slot.gradients.forEach((name, k) => {
          const shard = shards[k]
          const gradient = shard ? shard.get(index) : zerosFor(index, weight.length)
          if (!gradient) throw new Error(`No gradient for weight ${slot.ref.name}`)
          feeds[name] = tensor(gradient, slot.ref.shape)
        })
        slot.state.forEach((state, k) => {
          feeds[state.input] = tensor(store.state[k]![index]!, slot.ref.shape)
        })
      }
      const out = await session.run(feeds)
      const read = (name: string) => out[name]!.data as Float32Array
      for (const slot of graph.weights) {
        const index = slot.ref.index
        store.weights[index] = read(slot.next)
        slot.state.forEach((state, k) => {
          store.state[k]![index] = read(state.next)
        })
      }
      store.step = step
    },
  }
}
