import type { Command } from 'commander'

import type { Emit, EventName, EventPayload } from '../../../shared/contract'
import {
  AugmentConfig,
  BackendName,
  type BatchLogs,
  type EpochLogs,
  NO_AUGMENTATION,
  type RunSummary,
  TrainingConfig,
} from '../../../shared/domain/training'
import { formatDurationShort } from '../../../shared/domain/duration'
import { StudioFailure } from '../../../shared/transport/envelope'
import { listRunEpochs } from '../../db/queries/runEpochs'
import { getEvaluation } from '../../db/queries/runEvaluations'
import { toRunSummary } from '../../db/queries/runs'
import { callContract } from '../callContract'
import type { CliIo } from '../cliIo'
import { findDataset } from '../findDataset'
import { printResult } from '../output'
import { createProgressBar, type ProgressBar } from '../progressBar'
import { withStore, withStoreOptions } from '../storeOptions'
import type { StoreOptions } from '../storeOptions'
import { threadsOption } from './evaluateCommand'
import { addRecipeOptions, recipeInput, type RecipeOptions } from './recipeOptions'
import {
  createCliTrainingService,
  duration,
  findRun,
  formatEvaluation,
  percent,
} from './trainingCli'
import { CROP_HELP, cropOption, type CropOptions } from './recipeFlags'

type TrainOptions = StoreOptions &
  RecipeOptions & {
    dataset?: string
    resume?: string
    model?: string
    epochs?: string
    batch?: string
    lr?: string
    lrSchedule?: string
    earlyStopping?: string
    augment?: string
    flip?: boolean
    rotation?: string
    shift?: string
    zoom?: string
    brightness?: string
    contrast?: string
    noise?: string
    balance?: string
    oversampleTo?: string
    backend?: string
    threads?: string
    maxTrain?: string
    holdout?: string
    seed?: string
    name?: string
    verbose?: boolean
  }

/** Augmentation presets for `--augment`; per-transform flags change one strength on top. */
const AUGMENT_PRESETS: Readonly<Record<string, AugmentConfig | null>> = {
  none: null,
  default: AugmentConfig.parse({}),
  strong: AugmentConfig.parse({
    rotationDeg: 20,
    shift: 0.15,
    zoom: 0.2,
    brightness: 0.25,
    contrast: 0.25,
    noise: 0.04,
  }),
}

const BALANCE_MODES = ['none', 'weights', 'oversample', 'both'] as const

/** The contract's defaults, quoted by the help texts so they cannot disagree with what runs. */
const DEFAULTS = TrainingConfig.parse({})

/** `fer-studio train --dataset D ...`: trains in a worker thread with live progress. */
export function registerTrainCommand(program: Command, io: CliIo): void {
  withRecipe(
    program
      .command('train')
      .description(
        'train a model on a dataset (progress on stderr; Ctrl+C cancels after the current batch and keeps the run)',
      )
      .option('--dataset <dataset>', 'dataset name or id')
      .option('--resume <run>', 'continue an interrupted run from its last checkpoint instead')
      .option('--model <model>', `model preset (default ${DEFAULTS.model}; see: fer-studio models)`)
      .option('--epochs <n>', `epochs (default ${DEFAULTS.epochs})`)
      .option('--batch <n>', `batch size (default ${DEFAULTS.batchSize})`)
      .option('--lr <x>', `learning rate (default ${DEFAULTS.learningRate})`)
      .option(
        '--lr-schedule <kind>',
        `constant, plateau, cosine or step[:EVERY] (default ${DEFAULTS.lrSchedule.kind})`,
      )
      .option(
        '--early-stopping <patience>',
        `stop after this many epochs without a better validation accuracy (default ${DEFAULTS.earlyStopping === null ? 'off' : DEFAULTS.earlyStopping.patience})`,
      )
      .option('--augment <preset>', 'none, default or strong (default: default)')
      .option('--flip', 'random horizontal flips')
      .option('--no-flip', 'no horizontal flips')
      .option('--rotation <deg>', 'maximum rotation either way, degrees')
      .option('--shift <f>', 'maximum shift, fraction of the side')
      .option('--zoom <f>', 'maximum zoom in or out, fraction')
      .option('--brightness <f>', 'maximum brightness change, fraction')
      .option('--contrast <f>', 'maximum contrast change, fraction')
      .option('--noise <f>', 'Gaussian noise standard deviation, fraction')
      .option(
        '--balance <mode>',
        'none, weights (balanced loss), oversample (to the largest class) or both',
      )
      .option('--oversample-to <n>', "oversample each train class to N faces per epoch (or 'max')")
      .option(
        '--backend <backend>',
        `auto, ${BackendName.options.join(', ')} (default ${DEFAULTS.backend})`,
      )
      .option('--threads <n>', 'most compute threads (default: one per core)')
      .option('--max-train <n>', 'use at most N train faces (a quick look)')
      .option('--crop <px>', CROP_HELP)
      .option(
        '--holdout <f>',
        `validation share held out of train when the dataset has no validation split (default ${DEFAULTS.holdoutFraction})`,
      )
      .option(
        '--seed <n>',
        `seed for weights, shuffling and augmentation (default ${DEFAULTS.seed})`,
      )
      .option('--name <name>', 'run name (default: <model> #<id>)')
      .option('--verbose', 'print worker notes (backend chosen, faces per epoch) on stderr'),
    { targets: true },
  ).action(async (options: TrainOptions) => {
    if ((options.dataset === undefined) === (options.resume === undefined)) {
      throw new StudioFailure('INVALID_INPUT', 'Give either --dataset <dataset> or --resume <run>')
    }
    await withStore(options, io, async (store) => {
      const progress = createTrainProgress(io, options.json === true)
      const service = await createCliTrainingService(store, io, {
        emit: progress.emit,
        verbose: options.verbose === true,
        ...threadsOption(options.threads),
      })
      let run: RunSummary
      try {
        if (options.resume !== undefined) {
          run = await callContract(
            service.handlers,
            'training.resume',
            { runId: findRun(store.db, options.resume).id },
            store.ctx,
          )
        } else {
          const dataset = findDataset(store.db, options.dataset as string)
          const config = buildConfig(options)
          run = await callContract(
            service.handlers,
            'training.start',
            {
              datasetId: dataset.id,
              config,
              ...(options.name === undefined ? {} : { name: options.name }),
            },
            store.ctx,
          )
        }
      } catch (err) {
        await service.close()
        throw err
      }
      progress.begin(run)

      let interrupts = 0
      const onSigint = () => {
        interrupts++
        if (interrupts === 1) {
          io.err(
            '\nCancelling after the current batch (Ctrl+C again to stop now; the run stays resumable)...\n',
          )
          void callContract(service.handlers, 'training.cancel', { runId: run.id }, store.ctx)
        } else {
          void service.close()
        }
      }
      process.on('SIGINT', onSigint)
      let settled
      try {
        settled = await service.whenSettled(run.id)
      } finally {
        process.off('SIGINT', onSigint)
        progress.end()
        await service.close()
      }

      const epochs = listRunEpochs(store.db, run.id).map((e) => e.logs)
      const evaluation = getEvaluation(store.db, run.id, 'validation')
      printResult(io, options, { run: toRunSummary(settled), epochs, evaluation }, () => {
        const head =
          `Run ${settled.id} (${settled.name}) ${settled.status}: ${settled.epochsDone}` +
          (settled.config.timeBudgetMs === null ? `/${settled.config.epochs}` : '') +
          ' epochs' +
          ` in ${duration(epochs.at(-1)?.elapsedMs ?? null)} on ${settled.backend ?? '?'} x${settled.threads ?? '?'}` +
          (settled.bestEpoch === null
            ? ''
            : `; best epoch ${settled.bestEpoch}, validation accuracy ${percent(settled.bestValAccuracy)}`)
        return evaluation && settled.status === 'completed'
          ? `${head}\n\n${formatEvaluation(evaluation)}`
          : head
      })
      switch (settled.status) {
        case 'completed':
          return
        case 'cancelled':
          throw new StudioFailure(
            'CANCELLED',
            `Run ${settled.id} was cancelled; what it learned is kept`,
          )
        case 'interrupted': {
          const fault = service.faultOf(settled.id)
          if (fault)
            throw new StudioFailure(
              fault.code,
              `Run ${settled.id} stopped: ${fault.message} Then continue it with: fer-studio train --resume ${settled.id}`,
            )
          throw new StudioFailure(
            'CANCELLED',
            `Run ${settled.id} was stopped; continue it with: fer-studio train --resume ${settled.id}`,
          )
        }
        default:
          throw new StudioFailure(
            'INTERNAL',
            `Run ${settled.id} ${settled.status}: ${settled.error ?? 'unknown error'}`,
          )
      }
    })
  })
}

/** The store options plus the recipe flags (recipeOptions.ts), kept in their own file. */
function withRecipe(command: Command, recipe: { targets: boolean }): Command {
  return withStoreOptions(addRecipeOptions(command, recipe))
}

/** The TrainingConfig the flags describe; INVALID_INPUT naming the flag when one is wrong. */
export function buildConfig(options: TrainOptions & CropOptions): TrainingConfig {
  const num = (flag: string, value: string | undefined): number | undefined => {
    if (value === undefined) return undefined
    const n = Number(value)
    if (value.trim() === '' || !Number.isFinite(n)) {
      throw new StudioFailure('INVALID_INPUT', `--${flag} must be a number, not '${value}'`)
    }
    return n
  }
  const input: Record<string, unknown> = {}
  const set = (key: string, value: unknown) => {
    if (value !== undefined) input[key] = value
  }
  set('model', options.model)
  set('epochs', num('epochs', options.epochs))
  set('batchSize', num('batch', options.batch))
  set('learningRate', num('lr', options.lr))
  set('seed', num('seed', options.seed))
  set('holdoutFraction', num('holdout', options.holdout))
  set('maxTrainFaces', num('max-train', options.maxTrain))
  set('backend', options.backend)
  set('crop', cropOption(options.crop))
  set('augment', augmentConfig(options, num))
  set('balance', balanceConfig(options))
  set('lrSchedule', lrSchedule(options.lrSchedule))
  Object.assign(input, recipeInput(options, num))
  const patience = num('early-stopping', options.earlyStopping)
  if (patience !== undefined) input['earlyStopping'] = { patience, restoreBest: true }

  const parsed = TrainingConfig.safeParse(input)
  if (!parsed.success) {
    const issues = parsed.error.issues
      .map((i) => `${i.path.join('.') || 'config'}: ${i.message}`)
      .join('; ')
    throw new StudioFailure('INVALID_INPUT', `Invalid training settings: ${issues}`)
  }
  return parsed.data
}

function augmentConfig(
  options: TrainOptions,
  num: (flag: string, value: string | undefined) => number | undefined,
): AugmentConfig | null | undefined {
  const presetName = options.augment ?? 'default'
  if (!(presetName in AUGMENT_PRESETS)) {
    throw new StudioFailure(
      'INVALID_INPUT',
      `--augment must be none, default or strong, not '${presetName}'`,
    )
  }
  const preset = AUGMENT_PRESETS[presetName] ?? null
  const overrides = {
    flip: options.flip,
    rotationDeg: num('rotation', options.rotation),
    shift: num('shift', options.shift),
    zoom: num('zoom', options.zoom),
    brightness: num('brightness', options.brightness),
    contrast: num('contrast', options.contrast),
    noise: num('noise', options.noise),
  }
  const given = Object.entries(overrides).filter(([, v]) => v !== undefined)
  if (given.length === 0) return options.augment === undefined ? undefined : preset
  // Flags on top of a preset; on top of 'none' they switch on only what they name.
  const base: AugmentConfig = preset ?? NO_AUGMENTATION
  return { ...base, ...Object.fromEntries(given) }
}

function balanceConfig(options: TrainOptions): unknown {
  const mode = options.balance ?? 'none'
  if (!(BALANCE_MODES as readonly string[]).includes(mode)) {
    throw new StudioFailure(
      'INVALID_INPUT',
      `--balance must be one of ${BALANCE_MODES.join(', ')}, not '${mode}'`,
    )
  }
  if (options.balance === undefined && options.oversampleTo === undefined) return undefined
  const weights = mode === 'weights' || mode === 'both'
  let oversampleTo: number | 'max' | null = mode === 'oversample' || mode === 'both' ? 'max' : null
  if (options.oversampleTo !== undefined) {
    const n = Number(options.oversampleTo)
    if (options.oversampleTo !== 'max' && !(Number.isInteger(n) && n > 0)) {
      throw new StudioFailure(
        'INVALID_INPUT',
        `--oversample-to must be a positive integer or 'max'`,
      )
    }
    oversampleTo = options.oversampleTo === 'max' ? 'max' : n
  }
  return { classWeights: weights ? 'balanced' : 'none', oversampleTo }
}

function lrSchedule(value: string | undefined): unknown {
  if (value === undefined) return undefined
  const [kind, every] = value.split(':')
  if (kind === 'step') return { kind, every: every === undefined ? 5 : Number(every) }
  return { kind }
}

/**
 * Live progress on stderr: one bar per epoch (batches, running loss and accuracy, faces/s, ETA)
 * that stays on screen with its validation results; plain lines when stderr is not a terminal.
 */
function createTrainProgress(io: CliIo, json: boolean) {
  let bar: ProgressBar | null = null
  let barEpoch = 0
  let batchesPerEpoch = 1
  let epochs = 0
  let ofEpochs = ''
  const isTty = io.progressStream !== null && !json
  const note = (text: string) => {
    if (!json) io.err(`${text}\n`)
  }

  const batchPhase = (logs: BatchLogs) =>
    `loss ${logs.loss.toFixed(3)} acc ${percent(logs.accuracy)} | ${Math.round(logs.facesPerSecond)} faces/s | ETA ${duration(logs.etaMs)}`
  const epochLine = (logs: EpochLogs) =>
    `loss ${logs.loss.toFixed(3)} acc ${percent(logs.accuracy)}` +
    (logs.valAccuracy === null
      ? ''
      : ` | val loss ${logs.valLoss?.toFixed(3) ?? '-'} acc ${percent(logs.valAccuracy)} F1 ${logs.valMacroF1?.toFixed(3) ?? '-'}`) +
    ` | lr ${logs.learningRate.toPrecision(2)} | ${Math.round(logs.facesPerSecond)} faces/s | ${duration(logs.elapsedMs)}`

  const emit: Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => {
    if (event === 'training.statusChanged') {
      const { summary, status } = payload as EventPayload<'training.statusChanged'>
      if (status === 'running')
        note(`Training on ${summary.backend ?? '?'} x${summary.threads ?? '?'}...`)
      if (status === 'paused') note('Paused.')
    } else if (event === 'training.batchEnded') {
      const { logs } = payload as EventPayload<'training.batchEnded'>
      if (!isTty) return
      if (bar === null || barEpoch !== logs.epoch) {
        bar?.stop()
        bar = createProgressBar(
          io,
          `epoch ${String(logs.epoch).padStart(String(epochs).length)}${ofEpochs}`,
        )
        barEpoch = logs.epoch
      }
      batchesPerEpoch = logs.batchesPerEpoch
      bar.update(logs.batch, logs.batchesPerEpoch, batchPhase(logs))
    } else if (event === 'training.epochEnded') {
      const { record } = payload as EventPayload<'training.epochEnded'>
      if (isTty && bar !== null && barEpoch === record.logs.epoch) {
        bar.update(batchesPerEpoch, batchesPerEpoch, epochLine(record.logs))
        bar.stop()
        bar = null
      } else {
        note(`epoch ${record.logs.epoch}${ofEpochs}: ${epochLine(record.logs)}`)
      }
    }
  }
  return {
    emit,
    begin(run: RunSummary) {
      epochs = run.config.epochs
      const budget = run.config.timeBudgetMs
      // With a budget the epoch count is only a cap: the time decides, so no "n of N".
      ofEpochs = budget === null ? `/${epochs}` : ''
      const length =
        budget === null ? `${epochs} epochs` : `a ${formatDurationShort(budget)} budget`
      note(
        `Run ${run.id} (${run.name}): ${run.config.model}, ${length}, batch ${run.config.batchSize}, lr ${run.config.learningRate}` +
          (run.config.optimizer.kind === 'adam' ? '' : `, ${run.config.optimizer.kind}`),
      )
    },
    end() {
      bar?.stop()
      bar = null
    },
  }
}
