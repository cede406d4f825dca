import type * as Ort from 'onnxruntime-node'

import { ADAM_DEFAULTS } from '../adam'

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
 * Runs the update graph (compileUpdateStep) once per step. Adam's bias corrections are folded
 * into the step size and epsilon as engine/adam.ts does, with the store's step count.
 */
export function createOptimizerStep(options: {
  ort: OrtModule
  session: OrtSession
  graph: CompiledUpdate
  store: WeightStore
}): OptimizerStep {
  const { ort, session, graph, store } = options
  const { beta1, beta2, epsilon } = ADAM_DEFAULTS
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
      const c1 = 1 - beta1 ** step
      const c2 = 1 - beta2 ** step
      const feeds: Record<string, Ort.Tensor> = {
        [UPDATE_INPUTS.alpha]: tensor(Float32Array.of((learningRate * Math.sqrt(c2)) / c1), []),
        [UPDATE_INPUTS.epsilon]: tensor(Float32Array.of(epsilon * Math.sqrt(c2)), []),
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
        feeds[slot.m.input] = tensor(store.m[index]!, slot.ref.shape)
        feeds[slot.v.input] = tensor(store.v[index]!, slot.ref.shape)
      }
      const out = await session.run(feeds)
      const read = (name: string) => out[name]!.data as Float32Array
      for (const slot of graph.weights) {
        const index = slot.ref.index
        store.weights[index] = read(slot.next)
        store.m[index] = read(slot.m.next)
        store.v[index] = read(slot.v.next)
      }
      store.step = step
    },
  }
}
