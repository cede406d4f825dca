import type { Command } from 'commander'

import { SplitSchema } from '../../../shared/domain/face'
import { StudioFailure } from '../../../shared/transport/envelope'
import { callContract } from '../callContract'
import type { CliIo } from '../cliIo'
import { printResult } from '../output'
import { withStore, withStoreOptions } from '../storeOptions'
import type { StoreOptions } from '../storeOptions'
import { TTA_HELP, ttaOption } from './recipeFlags'
import { createCliEvaluationService, findRun, formatEvaluation } from './trainingCli'

/** `fer-studio evaluate --run R --split S`: the run's best weights on a split. */
export function registerEvaluateCommand(program: Command, io: CliIo): void {
  withStoreOptions(
    program
      .command('evaluate')
      .description(
        "evaluate a run's best weights on a split; stores per-face predictions for the Faces screen",
      )
      .requiredOption('--run <run>', 'run id or name')
      .option('--split <split>', 'train, validation or test', 'test')
      .option('--tta <mode>', TTA_HELP)
      .option('--threads <n>', 'most compute threads to use (default: one per core)'),
  ).action(
    async (
      options: StoreOptions & { run: string; split: string; tta?: string; threads?: string },
    ) => {
      const split = SplitSchema.safeParse(options.split)
      if (!split.success) {
        throw new StudioFailure(
          'INVALID_INPUT',
          `--split must be train, validation or test, not '${options.split}'`,
        )
      }
      const tta = ttaOption(options.tta)
      await withStore(options, io, async (store) => {
        const run = findRun(store.db, options.run)
        const service = await createCliEvaluationService(store, io, threadsOption(options.threads))
        try {
          const result = await callContract(
            service.handlers,
            'evaluation.run',
            { runId: run.id, split: split.data, ...(tta === undefined ? {} : { tta }) },
            store.ctx,
          )
          printResult(
            io,
            options,
            result,
            () => `Run ${run.id} (${run.name})\n${formatEvaluation(result)}`,
          )
        } finally {
          await service.close()
        }
      })
    },
  )
}

/** `--threads N` as service options; INVALID_INPUT when N is not a positive integer. */
export function threadsOption(value: string | undefined): { maxThreads?: number } {
  if (value === undefined) return {}
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1)
    throw new StudioFailure('INVALID_INPUT', `--threads must be a positive integer, not '${value}'`)
  return { maxThreads: n }
}
