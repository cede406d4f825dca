import type { Command } from 'commander'
import { InvalidArgumentError } from 'commander'

import type { DatasetId, FaceId } from '../../../shared/domain/ids'
import { StudioFailure } from '../../../shared/transport/envelope'
import { createLabelHandlers } from '../../services/labelService'
import type { CliIo } from '../cliIo'
import { findDataset } from '../findDataset'
import { formatTable, printResult } from '../output'
import { withStoreOptions, withStoreReading } from '../storeOptions'
import type { StoreOptions } from '../storeOptions'

type HistoryOptions = StoreOptions & { dataset?: string; face?: number; limit: number }

function positiveInt(value: string): number {
  if (!/^[1-9]\d*$/.test(value))
    throw new InvalidArgumentError(`'${value}' is not a positive integer`)
  return Number(value)
}

/** `fer-studio history [--dataset D | --face F]`: label changes, newest first. */
export function registerHistoryCommand(program: Command, io: CliIo): void {
  withStoreOptions(
    program
      .command('history')
      .description('label change history (who, when, from, to), newest first')
      .option('--dataset <dataset>', 'history of a dataset (name or id)')
      .option('--face <faceId>', 'history of one face', positiveInt)
      .option('--limit <n>', 'at most this many changes', positiveInt, 200),
  ).action(async (options: HistoryOptions) => {
    if ((options.dataset === undefined) === (options.face === undefined)) {
      throw new StudioFailure('INVALID_INPUT', 'give exactly one of --dataset or --face')
    }
    await withStoreReading(options, io, async ({ db, dataDir, ctx }) => {
      const labels = createLabelHandlers({ db, dataDir, emit: () => {}, log: ctx.log })
      const input =
        options.face !== undefined
          ? { faceId: options.face as FaceId, limit: options.limit }
          : {
              datasetId: findDataset(db, options.dataset ?? '').id as DatasetId,
              limit: options.limit,
            }
      const changes = await labels['labels.history'](input, ctx)
      printResult(io, options, changes, () =>
        changes.length === 0
          ? 'No label changes.'
          : formatTable([
              ['when', 'face', 'from', 'to', 'actor', 'kind', 'batch', 'source'],
              ...changes.map((c) => [
                new Date(c.at).toISOString().replace('T', ' ').slice(0, 19),
                c.faceId,
                c.exclusion ? (c.exclusion.from ?? 'included') : c.from,
                c.exclusion ? (c.exclusion.to ?? 'included') : c.to,
                c.actor,
                c.kind,
                c.batchId,
                c.source === 'suggestion' ? 'accepted suggestion' : 'manual',
              ]),
            ]),
      )
    })
  })
}
