import type { Command } from 'commander'

import { attachFerPlus } from '../../importers/attachFerPlus'
import type { CliIo } from '../cliIo'
import { findDataset } from '../findDataset'
import { formatNumber, printResult } from '../output'
import { createProgressBar } from '../progressBar'
import { withStore, withStoreOptions } from '../storeOptions'
import type { StoreOptions } from '../storeOptions'

/** `fer-studio attach-ferplus <dataset> <fer2013new.csv>`. */
export function registerAttachFerPlusCommand(program: Command, io: CliIo): void {
  withStoreOptions(
    program
      .command('attach-ferplus')
      .description(
        'attach FER+ vote counts (fer2013new.csv) row by row to a dataset imported from the FER2013 CSV',
      )
      .argument('<dataset>', 'dataset name or id')
      .argument('<file>', 'the FER+ fer2013new.csv'),
  ).action(async (name: string, file: string, options: StoreOptions) => {
    await withStore(options, io, async ({ db }) => {
      const dataset = findDataset(db, name)
      const bar = createProgressBar(io, 'FER+', options)
      try {
        const result = await attachFerPlus(db, dataset.id, file, (done, total) =>
          bar.update(done, total, 'votes'),
        )
        bar.stop()
        printResult(
          io,
          options,
          result,
          () =>
            `FER+ votes attached to ${formatNumber(result.attached)} faces of '${dataset.name}' (${formatNumber(result.withoutVotes)} without votes)`,
        )
      } finally {
        bar.stop()
      }
    })
  })
}
