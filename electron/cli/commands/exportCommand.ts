import type { Command } from 'commander'
import { Option } from 'commander'

import { exportFer2013Csv } from '../../exporters/exportFer2013Csv'
import { exportFolder } from '../../exporters/exportFolder'
import type { CliIo } from '../cliIo'
import { findDataset } from '../findDataset'
import { formatNumber, printResult } from '../output'
import { createProgressBar } from '../progressBar'
import { withStoreOptions, withStoreReading } from '../storeOptions'
import type { StoreOptions } from '../storeOptions'

type ExportOptions = StoreOptions & { format: 'fer2013-csv' | 'folder'; out: string }

/** `fer-studio export <dataset> --format fer2013-csv|folder --out PATH`. */
export function registerExportCommand(program: Command, io: CliIo): void {
  withStoreOptions(
    program
      .command('export')
      .description(
        'write a dataset with its current labels as a FER2013 CSV (.gz to compress) or a folder per class',
      )
      .argument('<dataset>', 'dataset name or id')
      .addOption(
        new Option('--format <format>', 'output format')
          .choices(['fer2013-csv', 'folder'])
          .makeOptionMandatory(),
      )
      .requiredOption('--out <path>', 'output file (CSV) or folder (must not exist or be empty)'),
  ).action(async (name: string, options: ExportOptions) => {
    await withStoreReading(options, io, async ({ db }) => {
      const dataset = findDataset(db, name)
      const bar = createProgressBar(io, 'export', options)
      try {
        const onProgress = (done: number, total: number): void =>
          bar.update(done, total, options.format)
        const result =
          options.format === 'folder'
            ? await exportFolder(db, dataset.id, options.out, onProgress)
            : await exportFer2013Csv(db, dataset.id, options.out, onProgress)
        bar.stop()
        printResult(
          io,
          options,
          result,
          () =>
            `Exported ${formatNumber(result.faces)} faces of '${dataset.name}' to ${result.path}`,
        )
      } finally {
        bar.stop()
      }
    })
  })
}
