import * as tf from '../../../common/tf'

import type { EngineSnapshot } from '../types'

type Named = { name: string; shape: number[]; values: Float32Array }

/**
 * Weights, Adam moments and the step count of the ONNX engine as plain arrays. Weights are in
 * `model.weights` order and tfjs layout; moments follow `model.trainableWeights` and are named
 * m/i, v/i: the snapshot format every engine uses, so a checkpoint moves between engines.
 */
export type WeightStore = {
  /** By position in model.weights; replaced (not copied into) after each step. */
  weights: Float32Array[]
  /** Adam moments by position in model.weights (null for BN statistics). */
  m: (Float32Array | null)[]
  v: (Float32Array | null)[]
  step: number
  snapshot(): EngineSnapshot
  restore(snapshot: EngineSnapshot): void
  /** Copies the current weights into the tfjs model (before saving it). */
  writeInto(model: tf.LayersModel): void
}

/** Reads the freshly built (seeded) model's weights; moments start at zero. */
export async function createWeightStore(model: tf.LayersModel): Promise<WeightStore> {
  const all = model.weights
  const shapes = all.map((w) => w.shape as number[])
  const weights = await Promise.all(all.map(async (w) => (await w.read().data()) as Float32Array))
  const position = new Map(all.map((w, i) => [w, i]))
  const trainable = model.trainableWeights.map((w) => position.get(w)!)
  const zeros = (): (Float32Array | null)[] =>
    all.map((w, i) => (trainable.includes(i) ? new Float32Array(weights[i]!.length) : null))

  const restoreArray = (saved: Named, index: number, what: string): Float32Array => {
    const expected = shapes[index]!
    if (saved.shape.join('x') !== expected.join('x')) {
      throw new Error(`${what} ${saved.name} has shape ${saved.shape}, expected ${expected}`)
    }
    return Float32Array.from(saved.values)
  }

  const store: WeightStore = {
    weights,
    m: zeros(),
    v: zeros(),
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
        optimizer: [...moments('m', store.m), ...moments('v', store.v)],
        step: store.step,
      }
    },
    restore(snapshot) {
      if (snapshot.weights.length !== all.length) {
        throw new Error(`Snapshot has ${snapshot.weights.length} weights, model ${all.length}`)
      }
      if (snapshot.optimizer.length !== 2 * trainable.length) {
        throw new Error(
          `Optimizer state has ${snapshot.optimizer.length} tensors, expected ${2 * trainable.length}`,
        )
      }
      // By position: tfjs numbers layer names per process, so names differ between instances.
      const nextWeights = snapshot.weights.map((w, i) => restoreArray(w, i, `Weight ${i}`))
      const nextM = zeros()
      const nextV = zeros()
      trainable.forEach((index, i) => {
        nextM[index] = restoreArray(snapshot.optimizer[i]!, index, 'Optimizer state')
        nextV[index] = restoreArray(
          snapshot.optimizer[trainable.length + i]!,
          index,
          'Optimizer state',
        )
      })
      store.weights = nextWeights
      store.m = nextM
      store.v = nextV
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
