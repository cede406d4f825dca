import type { Command } from 'commander'
import { InvalidArgumentError } from 'commander'

import type { Emit, EventName, EventPayload } from '../../../shared/contract'
import { EMOTIONS } from '../../../shared/domain/emotion'
import type { DatasetId } from '../../../shared/domain/ids'
import type { SuspectJobDetail, SuspectJobId } from '../../../shared/domain/suspects'
import { StudioFailure } from '../../../shared/transport/envelope'
import { getJobDetail } from '../../db/queries/suspects'
import { createLabelHandlers } from '../../services/labelService'
import { createSuspectReviewHandlers } from '../../services/suspectReviewService'
import type { CliIo } from '../cliIo'
import { findDataset } from '../findDataset'
import { formatNumber, formatTable, printResult } from '../output'
import { withStore, withStoreOptions } from '../storeOptions'
import type { CliStore, StoreOptions } from '../storeOptions'
import { parseDuration } from '../../../shared/domain/duration'
import { threadsOption } from './evaluateCommand'
import { addRecipeOptions, type RecipeOptions } from './recipeOptions'
import { buildConfig } from './trainCommand'
import { createCliTrainingService, duration, percent } from './trainingCli'

type SuspectsOptions = StoreOptions &
  RecipeOptions & {
    dataset: string
    folds: number
    model?: string
    epochs?: string
    budget?: number
    backend?: string
    threads?: string
    seed?: string
    rank: 'selfConfidence' | 'normalizedMargin'
    resume?: number
    list?: boolean
    limit: number
    verbose?: boolean
  }

function positiveInt(value: string): number {
  if (!/^[1-9]\d*$/.test(value))
    throw new InvalidArgumentError(`'${value}' is not a positive integer`)
  return Number(value)
}

/** '30m', '90s', '1.5h', '1h30m' or a bare number of minutes, in ms. */
export function parseBudget(value: string): number {
  const ms = parseDuration(value)
  if (ms === null) {
    throw new InvalidArgumentError(`'${value}' is not a time (e.g. 30m, 90s, 1.5h, 1h30m)`)
  }
  return ms
}

/** The recipe flags suspects passes on to every fold's run (no FER+ targets, no budget). */
function recipeFlags(options: RecipeOptions): RecipeOptions {
  const { optimizer, momentum, weightDecay, labelSmoothing, mixup } = options
  const given = { optimizer, momentum, weightDecay, labelSmoothing, mixup }
  return Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined))
}

function parseRanking(value: string): SuspectsOptions['rank'] {
  if (value === 'self-confidence') return 'selfConfidence'
  if (value === 'normalized-margin') return 'normalizedMargin'
  throw new InvalidArgumentError(`--rank must be self-confidence or normalized-margin`)
}

/**
 * `fer-studio suspects --dataset D`: runs a suspects job (k fold runs, then confident learning)
 * with progress on stderr; `--list` prints the ranked suspects of the latest completed job.
 */
export function registerSuspectsCommand(program: Command, io: CliIo): void {
  withStoreOptions(
    addRecipeOptions(
      program
        .command('suspects')
        .description(
          'find faces whose label is probably wrong: k-fold out-of-fold predictions + confident learning (Ctrl+C cancels; --resume continues)',
        )
        .requiredOption('--dataset <dataset>', 'dataset name or id')
        .option('--folds <k>', 'folds (2..10)', positiveInt, 3)
        .option('--model <model>', 'model preset of every fold (default fast-cnn)')
        .option('--epochs <n>', 'epochs per fold (default 10)')
        .option(
          '--budget <time>',
          'training time for the whole job (30m, 90s, 1h), split over the folds',
          parseBudget,
        )
        .option('--backend <backend>', 'auto, onnxruntime, tensorflow, wasm or cpu (default auto)')
        .option('--threads <n>', 'most compute threads (default: one per core)')
        .option('--seed <n>', 'seed for folds, weights and augmentation (default 42)')
        .option(
          '--rank <by>',
          'self-confidence or normalized-margin',
          parseRanking,
          'selfConfidence',
        )
        .option('--resume <job>', 'continue an interrupted or cancelled job', positiveInt)
        .option('--list', 'list the suspects of the latest completed job instead')
        .option('--limit <n>', 'with --list: at most this many', positiveInt, 100)
        .option('--verbose', 'print worker notes on stderr'),
      { targets: false, budget: false },
    ),
  ).action(async (options: SuspectsOptions) => {
    await withStore(options, io, async (store) => {
      const dataset = findDataset(store.db, options.dataset)
      if (options.list) return listSuspects(store, io, options, dataset.id)
      await runJob(store, io, options, dataset.id)
    })
  })
}

/** The review handlers for a CLI command (no training worker needed). */
export function createCliReview(store: CliStore) {
  const labels = createLabelHandlers({
    db: store.db,
    dataDir: store.dataDir,
    emit: () => {},
    log: () => {},
  })
  return createSuspectReviewHandlers({
    db: store.db,
    emit: () => {},
    setEach: labels['labels.setEach'],
  })
}

async function createCliSuspects(store: CliStore, io: CliIo, options: SuspectsOptions, emit: Emit) {
  const training = await createCliTrainingService(store, io, {
    emit,
    verbose: options.verbose === true,
    ...threadsOption(options.threads),
  })
  const { createSuspectsService } = await import('../../services/suspectsService')
  const labels = createLabelHandlers({ db: store.db, dataDir: store.dataDir, emit, log: () => {} })
  const suspects = createSuspectsService({
    db: store.db,
    emit,
    log: (m) => (options.verbose ? io.err(`${m}\n`) : undefined),
    training,
    setEach: labels['labels.setEach'],
  })
  return { training, suspects }
}

async function runJob(store: CliStore, io: CliIo, options: SuspectsOptions, datasetId: number) {
  const note = (text: string) => (options.json ? undefined : io.err(`${text}\n`))
  const emit: Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => {
    if (event === 'suspects.changed') {
      const { job } = payload as EventPayload<'suspects.changed'>
      if (job.status === 'queued')
        note(
          `Suspects job ${job.id}: ${formatNumber(job.faces)} faces in ${job.folds} folds, ` +
            `${job.config.model}, ${job.config.epochs} epochs` +
            (job.config.timeBudgetMs === null
              ? ''
              : ` or ${duration(job.config.timeBudgetMs)} per fold`),
        )
      if (job.status === 'running' && job.currentFold !== null)
        note(
          `Fold ${job.currentFold + 1}/${job.folds} (run ${job.foldRuns[job.currentFold] ?? '?'})...`,
        )
    } else if (event === 'training.epochEnded') {
      const { record } = payload as EventPayload<'training.epochEnded'>
      const l = record.logs
      note(
        `  epoch ${l.epoch}: loss ${l.loss.toFixed(3)} acc ${percent(l.accuracy)}` +
          ` | held-out acc ${percent(l.valAccuracy)} | ${Math.round(l.facesPerSecond)} faces/s | ${duration(l.elapsedMs)}`,
      )
    }
  }
  const { training, suspects } = await createCliSuspects(store, io, options, emit)
  let jobId: SuspectJobId
  try {
    if (options.resume !== undefined) {
      jobId = options.resume as SuspectJobId
      await suspects.handlers['suspects.resume']({ jobId }, store.ctx)
    } else {
      const config = buildConfig({
        ...(options.model === undefined ? {} : { model: options.model }),
        ...(options.epochs === undefined ? {} : { epochs: options.epochs }),
        ...(options.backend === undefined ? {} : { backend: options.backend }),
        ...(options.seed === undefined ? {} : { seed: options.seed }),
        ...recipeFlags(options),
      })
      const folds = options.folds
      if (folds < 2 || folds > 10)
        throw new StudioFailure('INVALID_INPUT', `--folds must be from 2 to 10, not ${folds}`)
      const job = await suspects.handlers['suspects.start'](
        {
          datasetId: datasetId as DatasetId,
          folds,
          ranking: options.rank,
          config: {
            ...config,
            timeBudgetMs: options.budget === undefined ? null : options.budget / folds,
          },
        },
        store.ctx,
      )
      jobId = job.id
    }
  } catch (err) {
    await training.close()
    throw err
  }
  let interrupts = 0
  const onSigint = () => {
    interrupts++
    if (interrupts === 1) {
      io.err('\nCancelling after the current batch (Ctrl+C again to stop now; resumable)...\n')
      void suspects.handlers['suspects.cancel']({ jobId }, store.ctx)
    } else void training.close()
  }
  process.on('SIGINT', onSigint)
  let settled
  try {
    settled = await suspects.whenSettled(jobId)
  } finally {
    process.off('SIGINT', onSigint)
    await training.close()
  }
  const detail = getJobDetail(store.db, jobId) as SuspectJobDetail
  printResult(io, options, detail, () => formatJob(detail))
  if (settled.status === 'completed') return
  if (settled.status === 'cancelled' || settled.status === 'interrupted')
    throw new StudioFailure(
      'CANCELLED',
      `Suspects job ${jobId} stopped; continue it with: fer-studio suspects --dataset ${options.dataset} --resume ${jobId}`,
    )
  throw new StudioFailure(
    'INTERNAL',
    `Suspects job ${jobId} failed: ${settled.error ?? 'unknown error'}`,
  )
}

/** The job's outcome: suspects found, noise matrix, and the FER+ precision table. */
export function formatJob(detail: SuspectJobDetail): string {
  const { summary: job, noise, ferPlus } = detail
  const lines = [
    `Suspects job ${job.id} ${job.status}: ${job.foldsDone}/${job.folds} folds, ` +
      `${formatNumber(job.faces)} faces, ${job.suspects === null ? '-' : formatNumber(job.suspects)} suspects, ` +
      `${duration(job.elapsedMs)} of training`,
  ]
  if (noise) {
    lines.push(
      '',
      'Estimated label noise (faces; rows given label, columns probable true label):',
      formatTable([
        ['given \\ true', ...EMOTIONS],
        ...noise.calibratedJoint.map((row, i) => [EMOTIONS[i] ?? String(i), ...row]),
      ]),
    )
  }
  if (ferPlus) {
    lines.push(
      '',
      `Against FER+ (${formatNumber(ferPlus.facesWithMajority)} faces with a majority):`,
      formatTable([
        ['measure', 'value'],
        ...ferPlus.precisionAt.map((p) => [
          `precision at ${p.n}`,
          `${percent(p.precision)}${p.considered < p.n ? ` (of ${p.considered})` : ''}`,
        ]),
        ['random baseline', percent(ferPlus.baseline)],
        ['suggestion = FER+ majority', percent(ferPlus.suggestionMatchesMajority)],
      ]),
    )
  }
  return lines.join('\n')
}

async function listSuspects(
  store: CliStore,
  io: CliIo,
  options: SuspectsOptions,
  datasetId: number,
) {
  const review = createCliReview(store)
  const list = await review['suspects.list'](
    { datasetId: datasetId as DatasetId, limit: options.limit, offset: 0, includeReviewed: false },
    store.ctx,
  )
  const entries = list.suspects.map((s) => ({
    faceId: s.faceId,
    given: s.given,
    suggested: s.suggested,
    score: s.score,
    suggestedProbability: s.suggestedProbability,
    rank: s.rank,
    ferPlusMajority: s.ferPlusMajority,
  }))
  printResult(io, options, entries, () =>
    list.jobId === null
      ? 'No completed suspects job for this dataset (run: fer-studio suspects --dataset <name>)'
      : `${formatTable([
          ['rank', 'face', 'given', 'suggested', 'p(suggested)', 'score', 'FER+ majority'],
          ...entries.map((e) => [
            e.rank,
            e.faceId,
            e.given,
            e.suggested,
            e.suggestedProbability.toFixed(3),
            e.score.toFixed(3),
            e.ferPlusMajority ?? '-',
          ]),
        ])}\n\n${list.counts.remaining} remaining, ${list.counts.accepted} accepted, ${list.counts.kept} kept (job ${list.jobId})`,
  )
}
