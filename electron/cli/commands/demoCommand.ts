import type { Command } from 'commander'

import { DEMO_DATASET_NAME, createDemoDataset } from '../../services/datasetService'
import type { CliIo } from '../cliIo'
import { formatDatasetSummary } from '../formatDataset'
import { printResult } from '../output'
import { withStore, withStoreOptions } from '../storeOptions'
import type { StoreOptions } from '../storeOptions'

/** `fer-studio demo [--name N]`: the synthetic demo dataset. */
export function registerDemoCommand(program: Command, io: CliIo): void {
  withStoreOptions(
    program
      .command('demo')
      .description('create the demo dataset: generated cartoon faces, no download needed')
      .option('--name <name>', 'dataset name', DEMO_DATASET_NAME),
  ).action(async (options: StoreOptions & { name: string }) => {
    await withStore(options, io, async ({ db, dataDir }) => {
      const summary = await createDemoDataset({ db, dataDir }, options.name)
      printResult(io, options, summary, () => formatDatasetSummary(summary))
    })
  })
}
