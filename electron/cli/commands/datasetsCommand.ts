import type { Command } from 'commander'

import { listDatasets, summarizeDataset } from '../../db/queries/datasets'
import type { CliIo } from '../cliIo'
import { formatTable, printResult } from '../output'
import { withStoreOptions, withStoreReading } from '../storeOptions'
import type { StoreOptions } from '../storeOptions'

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0)

/** `fer-studio datasets`: every dataset with its counts. */
export function registerDatasetsCommand(program: Command, io: CliIo): void {
  withStoreOptions(
    program.command('datasets').description('list the datasets in the store, newest first'),
  ).action(async (options: StoreOptions) => {
    await withStoreReading(options, io, async ({ db }) => {
      const summaries = listDatasets(db).map((dataset) => summarizeDataset(db, dataset))
      printResult(io, options, summaries, () =>
        summaries.length === 0
          ? 'No datasets yet. Try: fer-studio demo, or fer-studio import <file-or-folder> --name <name>'
          : formatTable([
              [
                'id',
                'name',
                'source',
                'faces',
                'train',
                'validation',
                'test',
                'dup groups',
                'FER+',
                'created',
              ],
              ...summaries.map((s) => [
                s.id,
                s.name,
                s.source,
                s.faceCount,
                sum(s.counts.train),
                sum(s.counts.validation),
                sum(s.counts.test),
                s.duplicates.groups,
                s.hasFerPlus ? 'yes' : 'no',
                new Date(s.createdAt).toISOString().slice(0, 16).replace('T', ' '),
              ]),
            ]),
      )
    })
  })
}
