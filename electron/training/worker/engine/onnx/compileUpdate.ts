import { ADAM_DEFAULTS, type AdamOptions } from '../adam'

import { emitAdamUpdate } from './layers/adamUpdate'
import { constantCache, type EmitContext } from './layers/emitContext'
import { createGraphBuilder } from './onnxBuilder'
import type { WeightRef } from './presetLayers'

/** The optimizer rule a training graph applies ('gradients': none, the step returns them). */
export type TrainingGraphOptions = Readonly<{
  /** 'adam': weights and moments are updated inside the graph; 'gradients': returns them. */
  update: 'adam' | 'gradients'
  adam?: AdamOptions
}>

/** Graph inputs of the optimizer the engine feeds every step (Adam's corrected step size). */
export const UPDATE_INPUTS = {
  alpha: 'adam_alpha',
  epsilon: 'adam_epsilon',
} as const

/** Input and output names of one optimizer state tensor (Adam: m and v). */
export type StateSlot = Readonly<{ input: string; next: string }>

/** Names of one trainable weight in an update: its next value and its optimizer state. */
export type UpdatedWeight = Readonly<{ next: string; m: StateSlot; v: StateSlot }>

/** Names of the per-step optimizer inputs, declared once per graph. */
export type UpdateInputs = Readonly<{ alpha: string; epsilon: string }>

/** Declares the per-step optimizer inputs of `options.update` on a graph. */
export function declareUpdateInputs(ctx: EmitContext): UpdateInputs {
  return {
    alpha: ctx.g.input(UPDATE_INPUTS.alpha, 'float', []),
    epsilon: ctx.g.input(UPDATE_INPUTS.epsilon, 'float', []),
  }
}

/**
 * Writes the optimizer update of one trainable weight from its gradient: the state inputs are
 * declared (named after the weight's position), the next weight and state become graph outputs.
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
  const adam = options.adam ?? ADAM_DEFAULTS
  const m = g.input(`m${ref.index}`, 'float', ref.shape)
  const v = g.input(`v${ref.index}`, 'float', ref.shape)
  const next = emitAdamUpdate(ctx, weight, gradient, { m, v, ...inputs }, adam)
  return {
    next: g.output(next.weight, 'float', ref.shape),
    m: { input: m, next: g.output(next.m, 'float', ref.shape) },
    v: { input: v, next: g.output(next.v, 'float', ref.shape) },
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
  if (options.update === 'gradients') throw new Error('An update graph needs an update rule')
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
  const inputs = declareUpdateInputs(ctx)
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
