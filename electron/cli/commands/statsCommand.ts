import type { Command } from 'commander'

import { summarizeDataset } from '../../db/queries/datasets'
import type { CliIo } from '../cliIo'
import { findDataset } from '../findDataset'
import { formatDatasetSummary } from '../formatDataset'
import { printResult } from '../output'
import { withStoreOptions, withStoreReading } from '../storeOptions'
import type { StoreOptions } from '../storeOptions'

/** `fer-studio stats <dataset>`: per-class x per-split counts, duplicates and leakage. */
export function registerStatsCommand(program: Command, io: CliIo): void {
  withStoreOptions(
    program
      .command('stats')
      .description(
        'per-class and per-split counts, exact duplicates, train/test leakage, blank faces',
      )
      .argument('<dataset>', 'dataset name or id'),
  ).action(async (name: string, options: StoreOptions) => {
    await withStoreReading(options, io, async ({ db }) => {
      const summary = summarizeDataset(db, findDataset(db, name))
      printResult(io, options, summary, () => formatDatasetSummary(summary))
    })
  })
}
