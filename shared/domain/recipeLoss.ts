import { z } from 'zod'

/**
 * The loss and optimizer part of a training recipe (TrainingConfig spreads these fields in):
 * what each face is trained towards (labels, smoothed, FER+ vote distributions, mixed up) and how
 * the weights move (Adam, AdamW, SGD with Nesterov momentum).
 */

/** Optimizers: 'adamw' and 'sgd' take decoupled weight decay; 'adam' takes none. */
export const OPTIMIZERS = ['adam', 'adamw', 'sgd'] as const
export const OptimizerKind = z.enum(OPTIMIZERS)
export type OptimizerKind = z.infer<typeof OptimizerKind>

/** Weight decay each optimizer gets when none is given. */
export const DEFAULT_WEIGHT_DECAY: Readonly<Record<OptimizerKind, number>> = {
  adam: 0,
  adamw: 0.01,
  sgd: 5e-4,
}

export const OptimizerConfig = z
  .object({
    kind: OptimizerKind.default('adam'),
    /** SGD's Nesterov momentum (ignored by Adam, whose betas are fixed at 0.9 / 0.999). */
    momentum: z.number().min(0).lt(1).default(0.9),
    /**
     * Decoupled weight decay, multiplied by the learning rate of each step (PyTorch's AdamW and
     * decoupled SGD): w <- w (1 - lr wd) before the update. Kernels only: BatchNorm gamma/beta and
     * biases are never decayed. null = DEFAULT_WEIGHT_DECAY of the optimizer.
     */
    weightDecay: z.number().min(0).max(1).nullable().default(null),
  })
  .refine((o) => o.kind !== 'adam' || !o.weightDecay, {
    message: "Adam takes no weight decay; use 'adamw' (decoupled) or 'sgd'",
    path: ['weightDecay'],
  })
export type OptimizerConfig = z.infer<typeof OptimizerConfig>

/** The weight decay an optimizer config means once its default is filled in. */
export function effectiveWeightDecay(optimizer: OptimizerConfig): number {
  return optimizer.weightDecay ?? DEFAULT_WEIGHT_DECAY[optimizer.kind]
}

/**
 * What each train face's target distribution is built from: its label (one-hot), or its FER+
 * votes (contempt, unknown and not-a-face votes dropped, the other seven renormalised; a face
 * with none of those falls back to its label).
 */
export const TARGET_SOURCES = ['labels', 'ferplus'] as const
export const TargetSource = z.enum(TARGET_SOURCES)
export type TargetSource = z.infer<typeof TargetSource>

/** TrainingConfig's recipe fields (loss and optimizer), with their defaults. */
export const recipeLossFields = {
  targets: TargetSource.default('labels'),
  /** Leave out of training the train faces whose FER+ majority is not-a-face (needs votes). */
  dropNotAFace: z.boolean().default(false),
  /** Label smoothing ε: targets become (1 - ε) t + ε / 7. */
  labelSmoothing: z.number().min(0).max(0.5).default(0),
  /** Mixup's Beta(α, α) (Zhang et al. 2018): pairs of faces and their targets blended; 0 = off. */
  mixup: z.number().min(0).max(2).default(0),
  optimizer: OptimizerConfig.default(OptimizerConfig.parse({})),
}

/** Whether a recipe reads FER+ votes (its dataset must have them attached). */
export function needsFerPlusVotes(
  config: Readonly<{ targets: TargetSource; dropNotAFace: boolean }>,
) {
  return config.targets === 'ferplus' || config.dropNotAFace
}
