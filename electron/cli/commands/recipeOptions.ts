import type { Command } from 'commander'

import { parseDuration } from '../../../shared/domain/duration'
import { DEFAULT_WEIGHT_DECAY, OPTIMIZERS, TARGET_SOURCES } from '../../../shared/domain/recipeLoss'
import { TrainingConfig } from '../../../shared/domain/training'
import { StudioFailure } from '../../../shared/transport/envelope'

/** The recipe flags (loss, optimizer, time budget) as commander hands them over. */
export type RecipeOptions = {
  budget?: string
  labelSmoothing?: string
  targets?: string
  dropNotAFace?: boolean
  optimizer?: string
  momentum?: string
  weightDecay?: string
  mixup?: string
}

const DEFAULTS = TrainingConfig.parse({})
const MAX_EPOCHS = TrainingConfig.shape.epochs.unwrap().maxValue ?? 1000

const decayDefaults = OPTIMIZERS.map((kind) => `${kind} ${DEFAULT_WEIGHT_DECAY[kind]}`).join(', ')

/**
 * Adds the recipe flags to `train` (or any command that starts runs from flags); `targets` adds
 * the FER+ target flags, `budget` the time budget.
 */
export function addRecipeOptions(
  command: Command,
  options: { targets: boolean; budget?: boolean },
): Command {
  if (options.budget !== false) {
    command.option(
      '--budget <duration>',
      'train for this long instead of a number of epochs (40s, 20m, 2h, 1h30m; pauses excluded): ' +
        'the epoch during which it runs out is cut short and validated, a cosine schedule follows ' +
        'elapsed/budget batch by batch (the schedule a budget gets unless --lr-schedule says ' +
        `otherwise), and the best epoch is kept. --epochs stays an upper bound (default then ${MAX_EPOCHS})`,
    )
  }
  command
    .option(
      '--optimizer <kind>',
      `${OPTIMIZERS.join(', ')} (default ${DEFAULTS.optimizer.kind}); SGD usually wants --lr 0.01 or more`,
    )
    .option('--momentum <m>', `SGD's Nesterov momentum (default ${DEFAULTS.optimizer.momentum})`)
    .option(
      '--weight-decay <wd>',
      `decoupled weight decay for adamw and sgd, times the learning rate each step; kernels only, ` +
        `never biases or BatchNorm gamma/beta (default ${decayDefaults})`,
    )
    .option(
      '--label-smoothing <eps>',
      `0..0.5: each target becomes (1 - eps) target + eps/7 (default ${DEFAULTS.labelSmoothing})`,
    )
    .option(
      '--mixup <alpha>',
      'blend pairs of train faces and their targets with weights from Beta(alpha, alpha), e.g. 0.2 (default 0: off)',
    )
  if (!options.targets) return command
  return command
    .option(
      '--targets <source>',
      `${TARGET_SOURCES.join(' or ')} (default ${DEFAULTS.targets}). ferplus trains on each ` +
        "face's FER+ vote distribution: contempt, unknown and not-a-face votes are dropped and " +
        'the other seven renormalised; a face with none of those votes trains on its label. ' +
        'Validation and evaluation always use the labels',
    )
    .option(
      '--drop-not-a-face',
      'leave out of training the faces whose FER+ majority is not-a-face (counted in the run log)',
    )
}

/**
 * The TrainingConfig fields the recipe flags set (only those given), for buildConfig to merge;
 * INVALID_INPUT naming the flag when one is wrong. A budget without --epochs lifts the epoch cap.
 */
export function recipeInput(
  options: RecipeOptions & { epochs?: string; lrSchedule?: string },
  num: (flag: string, value: string | undefined) => number | undefined,
): Record<string, unknown> {
  const input: Record<string, unknown> = {}
  if (options.budget !== undefined) {
    const ms = parseDuration(options.budget)
    if (ms === null) {
      throw new StudioFailure(
        'INVALID_INPUT',
        `--budget must be a duration like 40s, 20m, 2h or 1h30m, not '${options.budget}'`,
      )
    }
    input['timeBudgetMs'] = ms
    if (options.epochs === undefined) input['epochs'] = MAX_EPOCHS
    // A budget wants a schedule that ends with the time: cosine, unless one was asked for.
    if (options.lrSchedule === undefined) input['lrSchedule'] = { kind: 'cosine' }
  }
  const oneOf = <T extends string>(
    flag: string,
    value: string | undefined,
    allowed: readonly T[],
  ) => {
    if (value === undefined) return undefined
    if (!(allowed as readonly string[]).includes(value)) {
      throw new StudioFailure(
        'INVALID_INPUT',
        `--${flag} must be ${allowed.join(' or ')}, not '${value}'`,
      )
    }
    return value as T
  }
  const set = (key: string, value: unknown) => {
    if (value !== undefined) input[key] = value
  }
  set('targets', oneOf('targets', options.targets, TARGET_SOURCES))
  if (options.dropNotAFace) input['dropNotAFace'] = true
  set('labelSmoothing', num('label-smoothing', options.labelSmoothing))
  set('mixup', num('mixup', options.mixup))
  const optimizer: Record<string, unknown> = {}
  const kind = oneOf('optimizer', options.optimizer, OPTIMIZERS)
  if (kind !== undefined) optimizer['kind'] = kind
  const momentum = num('momentum', options.momentum)
  if (momentum !== undefined) optimizer['momentum'] = momentum
  const weightDecay = num('weight-decay', options.weightDecay)
  if (weightDecay !== undefined) optimizer['weightDecay'] = weightDecay
  if (Object.keys(optimizer).length > 0) input['optimizer'] = optimizer
  return input
}
