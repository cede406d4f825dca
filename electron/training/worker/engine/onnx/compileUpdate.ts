import { ADAM_DEFAULTS, type AdamOptions } from '../adam'

import {
  DEFAULT_OPTIMIZER,
  isDecayed,
  stateSlots,
  type OptimizerSettings,
} from '../optimizerSettings'

import { emitAdamUpdate } from './layers/adamUpdate'
import { constantCache, type EmitContext } from './layers/emitContext'
import { emitSgdUpdate } from './layers/sgdUpdate'
import { createGraphBuilder } from './onnxBuilder'
import type { WeightRef } from './presetLayers'

/** The optimizer rule a training graph applies ('gradients': none, the step returns them). */
export type TrainingGraphOptions = Readonly<{
  /** 'optimizer': weights and optimizer state are updated inside the graph; 'gradients': returned. */
  update: 'optimizer' | 'gradients'
  /** Which optimizer (default Adam without decay). */
  optimizer?: OptimizerSettings
  adam?: AdamOptions
}>

/** Graph inputs of the optimizer the engine feeds every step. */
export const UPDATE_INPUTS = {
  /** Adam: the bias-corrected step size lr sqrt(1 - b2^t) / (1 - b1^t). */
  alpha: 'adam_alpha',
  /** Adam: epsilon sqrt(1 - b2^t). */
  epsilon: 'adam_epsilon',
  /** SGD: this step's learning rate. */
  learningRate: 'learning_rate',
  /** AdamW and SGD with weight decay: 1 - lr wd, the factor decayed weights are scaled by. */
  decay: 'decay_factor',
} as const

/** Input and output names of one optimizer state tensor (Adam: m and v; SGD: momentum). */
export type StateSlot = Readonly<{ input: string; next: string }>

/** Names of one trainable weight in an update: its next value and its optimizer state. */
export type UpdatedWeight = Readonly<{
  next: string
  /** In stateSlots(kind) order: the snapshot's order. */
  state: readonly StateSlot[]
}>

/** Names of the per-step optimizer inputs a graph declares (null: not used by its optimizer). */
export type UpdateInputs = Readonly<{ [K in keyof typeof UPDATE_INPUTS]: string | null }>

/** Whether an optimizer scales weights by a decay factor each step. */
function hasDecay(optimizer: OptimizerSettings): boolean {
  return optimizer.kind !== 'adam' && optimizer.weightDecay > 0
}

/** Declares the per-step inputs `optimizer` needs on a graph. */
export function declareUpdateInputs(
  ctx: EmitContext,
  optimizer: OptimizerSettings = DEFAULT_OPTIMIZER,
): UpdateInputs {
  const scalar = (name: string, used: boolean) => (used ? ctx.g.input(name, 'float', []) : null)
  const isSgd = optimizer.kind === 'sgd'
  return {
    alpha: scalar(UPDATE_INPUTS.alpha, !isSgd),
    epsilon: scalar(UPDATE_INPUTS.epsilon, !isSgd),
    learningRate: scalar(UPDATE_INPUTS.learningRate, isSgd),
    decay: scalar(UPDATE_INPUTS.decay, hasDecay(optimizer)),
  }
}

/**
 * Writes the optimizer update of one trainable weight from its gradient: the state inputs are
 * declared (named after the state slot and the weight's position), the next weight and state
 * become graph outputs. Decoupled weight decay scales kernels only (optimizerSettings.isDecayed).
 * Both the fused training step and the separate update graph use this, so the rule is written once.
 */
export function emitWeightUpdate(
  ctx: EmitContext,
  ref: WeightRef,
  weight: string,
  gradient: string,
  inputs: UpdateInputs,
  options: TrainingGraphOptions,
): UpdatedWeight {
  const { g } = ctx
  const optimizer = options.optimizer ?? DEFAULT_OPTIMIZER
  const need = (name: string | null, what: string) => {
    if (name === null) throw new Error(`The update graph has no ${what} input`)
    return name
  }
  const state = stateSlots(optimizer.kind).map((slot) =>
    g.input(`${slot}${ref.index}`, 'float', ref.shape),
  )
  const base =
    hasDecay(optimizer) && isDecayed(ref.name)
      ? g.op('Mul', [weight, need(inputs.decay, 'decay')])
      : weight
  const output = (name: string) => g.output(name, 'float', ref.shape)
  if (optimizer.kind === 'sgd') {
    const next = emitSgdUpdate(
      ctx,
      base,
      gradient,
      { buffer: state[0]!, learningRate: need(inputs.learningRate, 'learning rate') },
      optimizer.momentum,
    )
    return { next: output(next.weight), state: [{ input: state[0]!, next: output(next.buffer) }] }
  }
  const adam = options.adam ?? ADAM_DEFAULTS
  const names = {
    m: state[0]!,
    v: state[1]!,
    alpha: need(inputs.alpha, 'alpha'),
    epsilon: need(inputs.epsilon, 'epsilon'),
  }
  const next = emitAdamUpdate(ctx, base, gradient, names, adam)
  return {
    next: output(next.weight),
    state: [
      { input: names.m, next: output(next.m) },
      { input: names.v, next: output(next.v) },
    ],
  }
}

/** One trainable weight of the update graph: what to feed and what comes out. */
export type UpdateSlot = Readonly<{
  ref: WeightRef
  input: string
  /** One gradient input per shard; the graph adds them (face weights already sum to the batch's). */
  gradients: readonly string[]
}> &
  UpdatedWeight

export type CompiledUpdate = Readonly<{
  bytes: Uint8Array
  /** Trainable weights in `model.weights` order. */
  weights: readonly UpdateSlot[]
}>

/**
 * The optimizer step alone, as its own graph: weights, each shard's gradients and the optimizer
 * state in; next weights and state out. The data-parallel engine runs the gradient graph on each
 * shard of a batch and then this once; adding the shards' gradients here (ORT's Sum, one pass)
 * keeps that work off the JavaScript thread.
 */
export function compileUpdateStep(
  trainable: readonly WeightRef[],
  options: TrainingGraphOptions,
  shards = 1,
): CompiledUpdate {
  if (options.update === 'gradients') throw new Error('An update graph needs an optimizer')
  const g = createGraphBuilder('optimizer_update')
  const ctx: EmitContext = {
    g,
    ...constantCache(g),
    weight: () => {
      throw new Error('The update graph has no layers')
    },
    gradient: () => undefined,
    movingUpdate: () => undefined,
    dropoutMask: () => {
      throw new Error('The update graph has no layers')
    },
  }
  const inputs = declareUpdateInputs(ctx, options.optimizer)
  const weights = [...trainable]
    .sort((a, b) => a.index - b.index)
    .map((ref): UpdateSlot => {
      if (!ref.trainable) throw new Error(`Weight ${ref.name} is not trainable`)
      const input = g.input(`w${ref.index}`, 'float', ref.shape)
      const gradients = Array.from({ length: shards }, (_, k) =>
        g.input(shards === 1 ? `grad${ref.index}` : `grad${ref.index}_${k}`, 'float', ref.shape),
      )
      const gradient = gradients.length === 1 ? gradients[0]! : g.op('Sum', gradients)
      return {
        ref,
        input,
        gradients,
        ...emitWeightUpdate(ctx, ref, input, gradient, inputs, options),
      }
    })
  return { bytes: g.toBytes({ docString: 'FER Studio optimizer update' }), weights }
}
