import {
  effectiveWeightDecay,
  type OptimizerConfig,
  type OptimizerKind,
} from '../../../../shared/domain/recipeLoss'

/** An optimizer as the engines run it: the kind, SGD's momentum and the decay to apply. */
export type OptimizerSettings = Readonly<{
  kind: OptimizerKind
  momentum: number
  weightDecay: number
}>

/** What engines use when nobody says otherwise (Keras' Adam, no decay). */
export const DEFAULT_OPTIMIZER: OptimizerSettings = { kind: 'adam', momentum: 0.9, weightDecay: 0 }

/** The settings a run's optimizer config means (its default weight decay filled in). */
export function optimizerSettings(config: OptimizerConfig): OptimizerSettings {
  return { kind: config.kind, momentum: config.momentum, weightDecay: effectiveWeightDecay(config) }
}

/**
 * Whether weight decay applies to a weight, by its tfjs name ('conv2d_1/kernel'): convolution and
 * dense kernels only. Biases and BatchNorm's gamma and beta are left alone (decaying them pulls
 * the normalised activations towards zero and helps nothing, the usual practice since ResNets).
 */
export function isDecayed(weightName: string): boolean {
  const last = weightName.split('/').pop() ?? ''
  return /(^|_)kernel(_\d+)?$/.test(last)
}

/** Names of the optimizer state arrays each trainable weight has, in snapshot order. */
export function stateSlots(kind: OptimizerKind): readonly string[] {
  return kind === 'sgd' ? ['momentum'] : ['m', 'v']
}
