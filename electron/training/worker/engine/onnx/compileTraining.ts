import {
  declareUpdateInputs,
  emitWeightUpdate,
  UPDATE_INPUTS,
  type StateSlot,
  type TrainingGraphOptions,
} from './compileUpdate'
import { emitActivation } from './layers/activation'
import { emitBatchNorm } from './layers/batchNorm'
import { emitConv2d } from './layers/conv2d'
import { emitDenseLayer } from './layers/dense'
import { BATCH, constantCache, type EmitContext, type Emitted } from './layers/emitContext'
import { emitSoftmaxCrossEntropy } from './layers/loss'
import { emitMaxPool } from './layers/maxPool'
import { emitDropout, emitFlatten, emitGlobalAveragePool } from './layers/reshaping'
import { createGraphBuilder, type Dim, type GraphBuilder } from './onnxBuilder'
import type { LayerSpec, WeightRef } from './presetLayers'

/** Classes of every preset's softmax. */
const CLASSES = 7

/** A dropout mask the engine feeds each step (0 or 1 / (1 - rate)); dims hold 'batch' once. */
export type MaskInput = Readonly<{ name: string; dims: readonly Dim[]; rate: number }>

/** A mask's shape for `count` faces. */
export function maskShape(mask: MaskInput, count: number): number[] {
  return mask.dims.map((d) => (d === BATCH ? count : (d as number)))
}

/** Names of a weight's graph input and of the outputs that carry its next state. */
export type WeightSlot = Readonly<{
  ref: WeightRef
  input: string
  /** Optimizer mode: the updated weight (or the new moving statistic). */
  next: string | null
  /** Gradient mode: dL/dweight. */
  gradient: string | null
  /** Optimizer mode, trainable weights: inputs and outputs of its state (see UpdatedWeight). */
  state: readonly StateSlot[]
}>

export type CompiledGraph = Readonly<{
  bytes: Uint8Array
  /** Every weight of the model, in `model.weights` order (positions in snapshots). */
  weights: readonly WeightSlot[]
  masks: readonly MaskInput[]
  outputs: Readonly<{ loss: string; correct: string }>
}>

export type { TrainingGraphOptions } from './compileUpdate'

/** Graph input names the engine feeds every step. */
export const STEP_INPUTS = {
  x: 'x',
  targets: 'targets',
  faceWeights: 'face_weights',
  ...UPDATE_INPUTS,
} as const

type Walk = Readonly<{ ctx: EmitContext; g: GraphBuilder; slots: Map<number, MutableSlot> }>
type MutableSlot = { -readonly [K in keyof WeightSlot]: WeightSlot[K] }

function emitLayer(ctx: EmitContext, spec: LayerSpec, x: string, index: number, last: boolean) {
  const needInputGrad = index > 0
  switch (spec.kind) {
    case 'conv2d':
      return emitConv2d(ctx, spec, x, needInputGrad)
    case 'batchNorm':
      return emitBatchNorm(ctx, spec, x, needInputGrad)
    case 'activation':
      return emitActivation(ctx, spec, x, needInputGrad)
    case 'maxPool':
      return emitMaxPool(ctx, spec, x, needInputGrad)
    case 'globalAveragePool':
      return emitGlobalAveragePool(ctx, spec, x, needInputGrad)
    case 'flatten':
      return emitFlatten(ctx, spec, x, needInputGrad)
    case 'dropout':
      return emitDropout(ctx, spec, x, needInputGrad)
    case 'dense':
      return emitDenseLayer(last)(ctx, spec, x, needInputGrad)
  }
}

function startWalk(masks: MaskInput[]): Walk {
  const g = createGraphBuilder('training_step')
  const slots = new Map<number, MutableSlot>()
  const slot = (ref: WeightRef) => {
    let s = slots.get(ref.index)
    if (!s) {
      s = { ref, input: `w${ref.index}`, next: null, gradient: null, state: [] }
      g.input(s.input, 'float', ref.shape)
      slots.set(ref.index, s)
    }
    return s
  }
  const ctx: EmitContext = {
    g,
    ...constantCache(g),
    weight: (ref) => slot(ref).input,
    gradient: (ref, value) => {
      slot(ref).gradient = value
    },
    movingUpdate: (ref, value) => {
      slot(ref).next = value
    },
    dropoutMask(layer, dims, rate) {
      const name = g.input(`mask_${layer}`, 'float', dims)
      masks.push({ name, dims, rate })
      return name
    },
  }
  return { ctx, g, slots }
}

/** Runs every layer's forward; the final softmax is left out (the loss or caller adds it). */
function forward(walk: Walk, layers: readonly LayerSpec[]) {
  const { g, ctx } = walk
  const first = layers[0]
  if (!first || first.inputShape.length !== 3) throw new Error('The model must start on images')
  const [height, width, channels] = first.inputShape as [number, number, number]
  const faces = g.input(STEP_INPUTS.x, 'float', [BATCH, height, width, channels])
  // NHWC faces -> [C, N, H, W]; with one channel that is only a reshape.
  let h =
    channels === 1
      ? g.op('Reshape', [faces, ctx.ints([1, -1, height, width])])
      : g.op('Transpose', [faces], { attributes: { perm: { type: 'ints', value: [3, 0, 1, 2] } } })
  const tape: Emitted[] = []
  const lastIndex = layers.length - 1
  const final = layers[lastIndex]!
  const endsInSoftmaxLayer = final.kind === 'activation' && final.activation === 'softmax'
  const denseIndex = endsInSoftmaxLayer ? lastIndex - 1 : lastIndex
  const dense = layers[denseIndex]
  if (!dense || dense.kind !== 'dense' || (!endsInSoftmaxLayer && dense.activation !== 'softmax')) {
    throw new Error('The last layer must be a softmax Dense layer')
  }
  for (const [index, spec] of layers.slice(0, denseIndex + 1).entries()) {
    const emitted = emitLayer(ctx, spec, h, index, index === denseIndex)
    tape.push(emitted)
    h = emitted.y
  }
  return { logits: h, tape }
}

/**
 * One training step of a preset as ONE ONNX graph: forward in training mode, weighted
 * cross-entropy on soft targets, backward through every layer, then either the optimizer inside
 * the graph (new weights and moments as outputs) or the raw gradients (the gradient graph the
 * engine runs per shard, followed by compileUpdateStep's graph); plus the new BatchNorm statistics.
 */
export function compileTrainingStep(
  layers: readonly LayerSpec[],
  options: TrainingGraphOptions,
): CompiledGraph {
  const masks: MaskInput[] = []
  const walk = startWalk(masks)
  const { g, ctx, slots } = walk
  const { logits, tape } = forward(walk, layers)
  const targets = g.input(STEP_INPUTS.targets, 'float', [BATCH, CLASSES])
  const faceWeights = g.input(STEP_INPUTS.faceWeights, 'float', [BATCH])
  const { loss, correct, dLogits } = emitSoftmaxCrossEntropy(ctx, logits, targets, faceWeights)

  let dy: string | null = dLogits
  for (let i = tape.length - 1; i >= 0 && dy !== null; i--) dy = tape[i]!.backward(dy)

  const inputs = options.update === 'gradients' ? null : declareUpdateInputs(ctx, options.optimizer)
  const ordered = [...slots.values()].sort((a, b) => a.ref.index - b.ref.index)
  for (const s of ordered) {
    if (s.ref.trainable) {
      if (!s.gradient) throw new Error(`No gradient reaches weight ${s.ref.name}`)
      if (!inputs) {
        g.output(s.gradient, 'float', s.ref.shape)
        continue
      }
      const next = emitWeightUpdate(ctx, s.ref, s.input, s.gradient, inputs, options)
      s.next = next.next
      s.state = next.state
    } else {
      if (!s.next) throw new Error(`Weight ${s.ref.name} is neither trainable nor a BN statistic`)
      g.output(s.next, 'float', s.ref.shape)
    }
  }
  g.output(loss, 'float', [])
  g.output(correct, 'float', [])
  return {
    bytes: g.toBytes({ docString: 'FER Studio training step' }),
    weights: ordered,
    masks,
    outputs: { loss, correct },
  }
}
