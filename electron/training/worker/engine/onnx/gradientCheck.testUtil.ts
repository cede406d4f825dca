import * as tf from '../../../common/tf'

import { createRandom } from '../random'

import { compileTrainingStep, maskShape, STEP_INPUTS } from './compileTraining'
import { createOrtSession, loadOrt } from './loadOrt'
import { readPresetLayers } from './presetLayers'

/** A batch for a gradient check: faces, soft targets, per-face weights, dropout masks (NCHW). */
export type CheckBatch = Readonly<{
  x: Float32Array
  count: number
  targets: Float32Array
  faceWeights: Float32Array
  masks: Map<string, Float32Array>
}>

export type StepValues = Readonly<{
  loss: number
  /** By weight position in model.weights: gradients of trainable weights, new BN statistics. */
  values: Map<number, Float32Array>
}>

/**
 * A reproducible batch: pixels from `pixel` (default uniform), targets that are partly one-hot and
 * partly smoothed/soft, weights that differ per face, and masks for every dropout of the graph.
 */
export function makeCheckBatch(
  model: tf.Sequential,
  count: number,
  seed: number,
  pixel?: (random: () => number) => number,
): CheckBatch {
  const random = createRandom(seed)
  const [, h, w, c] = model.inputs[0]!.shape as number[]
  const x = Float32Array.from({ length: count * h! * w! * c! }, () =>
    pixel ? pixel(random) : random(),
  )
  const targets = new Float32Array(count * 7)
  for (let i = 0; i < count; i++) {
    const label = Math.floor(random() * 7)
    for (let k = 0; k < 7; k++) {
      targets[i * 7 + k] = i % 3 === 0 ? random() / 3.5 : (k === label ? 0.9 : 0) + 0.1 / 7
    }
  }
  const faceWeights = Float32Array.from({ length: count }, () => (0.5 + random()) / count)
  const masks = new Map<string, Float32Array>()
  const graph = compileTrainingStep(readPresetLayers(model), { update: 'gradients' })
  for (const mask of graph.masks) {
    const size = maskShape(mask, count).reduce((a, b) => a * b, 1)
    const keep = 1 - mask.rate
    masks.set(
      mask.name,
      Float32Array.from({ length: size }, () => (random() < keep ? 1 / keep : 0)),
    )
  }
  return { x, count, targets, faceWeights, masks }
}

/** A [C, N, H, W] mask -> NHWC, to apply the same mask to tfjs' channels-last activations. */
function toChannelsLast(mask: Float32Array, shape: readonly number[]): tf.Tensor {
  const t = tf.tensor(mask, [...shape])
  return shape.length === 4 ? tf.transpose(t, [1, 2, 3, 0]) : t
}

/**
 * The reference: the model's own layers on tfjs' cpu backend in training mode (dropout replaced
 * by the batch's masks), the same weighted cross-entropy, gradients by tfjs autodiff, and the BN
 * statistics tfjs-layers writes. The model's weights are restored afterwards.
 */
export async function tfjsStep(model: tf.Sequential, batch: CheckBatch): Promise<StepValues> {
  await tf.setBackend('cpu')
  const saved = model.weights.map((w) => w.read().clone())
  const graph = compileTrainingStep(readPresetLayers(model), { update: 'gradients' })
  const masksByLayer = new Map(graph.masks.map((m) => [m.name, m]))
  const trainable = model.trainableWeights.map((w) => w.read() as tf.Variable)
  const [, h, w, c] = model.inputs[0]!.shape as number[]
  const { value, grads } = tf.variableGrads(() => {
    let act: tf.Tensor = tf.tensor4d(batch.x, [batch.count, h!, w!, c!])
    for (const layer of model.layers) {
      const spec = masksByLayer.get(`mask_${layer.name}`)
      if (spec) {
        const mask = batch.masks.get(spec.name)!
        act = tf.mul(act, toChannelsLast(mask, maskShape(spec, batch.count)))
      } else if (layer.getClassName() !== 'Dropout') {
        act = layer.apply(act, { training: true }) as tf.Tensor
      }
    }
    const targets = tf.tensor2d(batch.targets, [batch.count, 7])
    const perFace = tf.neg(tf.sum(tf.mul(targets, tf.log(act)), 1))
    return tf.sum(tf.mul(perFace, tf.tensor1d(batch.faceWeights))) as tf.Scalar
  }, trainable)
  const values = new Map<number, Float32Array>()
  for (const [index, weight] of model.weights.entries()) {
    const v = weight.read() as tf.Variable
    const grad = weight.trainable ? grads[v.name] : v
    values.set(index, (await grad!.data()) as Float32Array)
  }
  const loss = (await value.data())[0]!
  tf.dispose([value, ...Object.values(grads)])
  model.weights.forEach((weight, i) => (weight.read() as tf.Variable).assign(saved[i]!))
  tf.dispose(saved)
  return { loss, values }
}

/** The same step on ONNX Runtime: our compiled graph in gradient mode, the model's weights fed. */
export async function ortStep(model: tf.Sequential, batch: CheckBatch): Promise<StepValues> {
  const graph = compileTrainingStep(readPresetLayers(model), { update: 'gradients' })
  const created = await createOrtSession(graph.bytes, { threads: 1, optimization: 'all' })
  if (!created.ok) throw new Error(created.reason)
  const { session, ort } = created
  const [, h, w, c] = model.inputs[0]!.shape as number[]
  const feeds: Record<string, InstanceType<typeof ort.Tensor>> = {
    [STEP_INPUTS.x]: new ort.Tensor('float32', batch.x, [batch.count, h!, w!, c!]),
    [STEP_INPUTS.targets]: new ort.Tensor('float32', batch.targets, [batch.count, 7]),
    [STEP_INPUTS.faceWeights]: new ort.Tensor('float32', batch.faceWeights, [batch.count]),
  }
  for (const mask of graph.masks) {
    feeds[mask.name] = new ort.Tensor(
      'float32',
      batch.masks.get(mask.name)!,
      maskShape(mask, batch.count),
    )
  }
  for (const slot of graph.weights) {
    const values = (await model.weights[slot.ref.index]!.read().data()) as Float32Array
    feeds[slot.input] = new ort.Tensor('float32', values, [...slot.ref.shape])
  }
  const out = await session.run(feeds)
  await session.release()
  const values = new Map<number, Float32Array>()
  for (const slot of graph.weights) {
    const name = slot.ref.trainable ? slot.gradient! : slot.next!
    values.set(slot.ref.index, out[name]!.data as Float32Array)
  }
  return { loss: (out[graph.outputs.loss]!.data as Float32Array)[0]!, values }
}

function norm(values: Float32Array): number {
  let sum = 0
  for (const v of values) sum += v * v
  return Math.sqrt(sum)
}

/**
 * Share of the step's largest gradient below which a gradient counts as zero. A gradient can be
 * zero analytically and still come out as rounding noise on both sides, e.g. the shift of a layer
 * whose next BatchNorm removes any shift (a BN beta, a Dense bias, when the ReLU between is active
 * on every face of the batch); relative to its own size, two noises differ by 100%. Below this
 * share the error is measured against the floor instead; a wrong gradient of any size that
 * matters still shows errors far above the tolerance.
 */
export const ZERO_GRADIENT_SHARE = 1e-2

/**
 * Relative error of every value of a step (weight position -> error): ||a - e|| / ||e||, with
 * ||e|| floored at ZERO_GRADIENT_SHARE of the largest trainable gradient's norm for gradients and
 * left as is for BN statistics (never near zero: variances start at 1).
 */
export function stepErrors(
  model: tf.Sequential,
  actual: StepValues,
  expected: StepValues,
): Map<number, number> {
  const trainable = (index: number) => model.weights[index]!.trainable
  const scale = Math.max(
    ...[...expected.values].filter(([i]) => trainable(i)).map(([, v]) => norm(v)),
  )
  const errors = new Map<number, number>()
  for (const [index, values] of expected.values) {
    const mine = actual.values.get(index)
    if (!mine || mine.length !== values.length) {
      errors.set(index, Infinity)
      continue
    }
    let diff = 0
    for (let i = 0; i < values.length; i++) diff += (mine[i]! - values[i]!) ** 2
    const floor = trainable(index) ? ZERO_GRADIENT_SHARE * scale : 0
    errors.set(index, Math.sqrt(diff) / Math.max(norm(values), floor, 1e-12))
  }
  return errors
}

/** Loads ORT once for a test file; skips nothing: a failed load fails the tests. */
export async function requireOrt(): Promise<void> {
  const loaded = await loadOrt()
  if (!loaded.ok) throw new Error(loaded.reason)
}
