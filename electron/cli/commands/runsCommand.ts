import type { Command } from 'commander'

import { listDatasets } from '../../db/queries/datasets'
import { listRuns, toRunSummary } from '../../db/queries/runs'
import {
  findStaleRuns,
  interruptStaleRuns,
  withStaleRunsInterrupted,
} from '../../training/main/staleRuns'
import type { CliIo } from '../cliIo'
import { findDataset } from '../findDataset'
import { printResult } from '../output'
import { withStore, withStoreOptions } from '../storeOptions'
import type { StoreOptions } from '../storeOptions'
import { formatRuns } from './trainingCli'

/** `fer-studio runs [--dataset D]`: training runs, newest first. */
export function registerRunsCommand(program: Command, io: CliIo): void {
  withStoreOptions(
    program
      .command('runs')
      .description('training runs, newest first: status, epochs, best validation accuracy, backend')
      .option('--dataset <dataset>', 'only runs of this dataset (name or id)'),
  ).action(async (options: StoreOptions & { dataset?: string }) => {
    await withStore(
      options,
      io,
      async ({ db, readOnly }) => {
        const datasetId =
          options.dataset === undefined ? undefined : findDataset(db, options.dataset).id
        // Runs whose process is gone (killed) are interrupted, not running: recorded so when the
        // store can be written, else only shown so.
        const staleDeps = { isTrainingHere: () => false, now: Date.now() }
        const stale = readOnly ? findStaleRuns(db, staleDeps) : interruptStaleRuns(db, staleDeps)
        const runs = withStaleRunsInterrupted(listRuns(db, datasetId), stale).map(toRunSummary)
        const names = new Map(listDatasets(db).map((d) => [d.id as number, d.name]))
        printResult(io, options, runs, () => formatRuns(runs, names))
      },
      'write-if-possible',
    )
  })
}
