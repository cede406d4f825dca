import * as tf from '../../../common/tf'

import { stateSlots } from '../optimizerSettings'
import type { OptimizerKind } from '../../../../../shared/domain/recipeLoss'
import type { EngineSnapshot } from '../types'

type Named = { name: string; shape: number[]; values: Float32Array }

/**
 * Weights, optimizer state and the step count of the ONNX engine as plain arrays. Weights are in
 * `model.weights` order and tfjs layout; the optimizer's state arrays (Adam: m and v; SGD: its
 * momentum buffer) follow `model.trainableWeights` and are named <slot>/i (m/i, v/i, momentum/i):
 * the snapshot format every engine uses, so a checkpoint moves between engines.
 */
export type WeightStore = {
  /**
   * By position in model.weights; the one-session step replaces them after each step, the sharded
   * one writes into them (views over shared memory).
   */
  weights: Float32Array[]
  /** The optimizer's state slots, in snapshot order (stateSlots of its kind). */
  readonly slots: readonly string[]
  /** Per slot, by position in model.weights (null for BN statistics). */
  state: (Float32Array | null)[][]
  step: number
  snapshot(): EngineSnapshot
  restore(snapshot: EngineSnapshot): void
  /** Copies the current weights into the tfjs model (before saving it). */
  writeInto(model: tf.LayersModel): void
}

/**
 * Arrays the store keeps its values in instead of its own (views over shared memory): a weight
 * per model.weights position, and per state slot an array per trainable weight (else null). They
 * are written into, never replaced, by the store.
 */
export type StoreMemory = Readonly<{
  weights: readonly Float32Array[]
  state: readonly (readonly (Float32Array | null)[])[]
}>

/**
 * Reads the freshly built (seeded) model's weights; the optimizer state starts at zero. With
 * `memory`, the values live there.
 */
export async function createWeightStore(
  model: tf.LayersModel,
  optimizer: OptimizerKind = 'adam',
  memory?: StoreMemory,
): Promise<WeightStore> {
  const slots = stateSlots(optimizer)
  const all = model.weights
  const shapes = all.map((w) => w.shape as number[])
  const read = await Promise.all(all.map(async (w) => (await w.read().data()) as Float32Array))
  const weights = memory
    ? read.map((values, i) => {
        const into = memory.weights[i]!
        into.set(values)
        return into
      })
    : read
  const position = new Map(all.map((w, i) => [w, i]))
  const trainable = model.trainableWeights.map((w) => position.get(w)!)
  const zeros = (): (Float32Array | null)[] =>
    all.map((w, i) => (trainable.includes(i) ? new Float32Array(weights[i]!.length) : null))
  const state = memory
    ? slots.map((_slot, k) => {
        const list = [...memory.state[k]!]
        list.forEach((values) => values?.fill(0))
        return list
      })
    : slots.map(() => zeros())

  const restoreArray = (saved: Named, index: number, what: string): Float32Array => {
    const expected = shapes[index]!
    if (saved.shape.join('x') !== expected.join('x')) {
      throw new Error(`${what} ${saved.name} has shape ${saved.shape}, expected ${expected}`)
    }
    return Float32Array.from(saved.values)
  }

  const store: WeightStore = {
    weights,
    slots,
    state,
    step: 0,
    snapshot() {
      const moments = (prefix: string, list: (Float32Array | null)[]) =>
        trainable.map((index, i) => ({
          name: `${prefix}/${i}`,
          shape: [...shapes[index]!],
          values: Float32Array.from(list[index]!),
        }))
      return {
        weights: all.map((w, i) => ({
          name: w.name,
          shape: [...shapes[i]!],
          values: Float32Array.from(store.weights[i]!),
        })),
        optimizer: slots.flatMap((slot, k) => moments(slot, store.state[k]!)),
        step: store.step,
      }
    },
    restore(snapshot) {
      if (snapshot.weights.length !== all.length) {
        throw new Error(`Snapshot has ${snapshot.weights.length} weights, model ${all.length}`)
      }
      const expected = slots.length * trainable.length
      if (snapshot.optimizer.length !== expected) {
        throw new Error(
          `Optimizer state has ${snapshot.optimizer.length} tensors, expected ${expected} ` +
            `(${optimizer}): was the checkpoint written with another optimizer?`,
        )
      }
      // By position: tfjs numbers layer names per process, so names differ between instances.
      const nextWeights = snapshot.weights.map((w, i) => restoreArray(w, i, `Weight ${i}`))
      const nextState = slots.map((_slot, k) => {
        const list = zeros()
        trainable.forEach((index, i) => {
          const saved = snapshot.optimizer[k * trainable.length + i]!
          list[index] = restoreArray(saved, index, 'Optimizer state')
        })
        return list
      })
      if (memory) {
        nextWeights.forEach((values, i) => store.weights[i]!.set(values))
        nextState.forEach((list, k) =>
          list.forEach((values, i) => values && store.state[k]![i]!.set(values)),
        )
      } else {
        store.weights = nextWeights
        store.state = nextState
      }
      store.step = snapshot.step
    },
    writeInto(target) {
      target.weights.forEach((w, i) => {
        tf.tidy(() => (w.read() as tf.Variable).assign(tf.tensor(store.weights[i]!, shapes[i]!)))
      })
    },
  }
  return store
}
