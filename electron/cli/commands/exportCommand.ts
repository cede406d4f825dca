import path from 'node:path'

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

type ExportOptions = StoreOptions & {
  format: 'fer2013-csv' | 'folder'
  out: string
  overwrite?: boolean
}

/**
 * `fer-studio export <dataset> --format fer2013-csv|folder --out PATH [--overwrite]`. A relative
 * --out is resolved against the working directory the command runs in.
 */
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
      .requiredOption(
        '--out <path>',
        'output file (CSV) or folder (new or empty); relative to the current directory; never inside the data folder',
      )
      .option('--overwrite', 'replace an existing CSV file (a folder export never replaces one)'),
  ).action(async (name: string, options: ExportOptions) => {
    await withStoreReading(options, io, async ({ db, dataDir }) => {
      const dataset = findDataset(db, name)
      const bar = createProgressBar(io, 'export', options)
      try {
        const onProgress = (done: number, total: number): void =>
          bar.update(done, total, options.format)
        const out = path.resolve(options.out)
        const target = { dataDir, overwrite: options.overwrite ?? false }
        const result =
          options.format === 'folder'
            ? await exportFolder(db, dataset.id, out, target, onProgress)
            : await exportFer2013Csv(db, dataset.id, out, target, onProgress)
        bar.stop()
        printResult(
          io,
          options,
          result,
          () =>
            `Exported ${formatNumber(result.faces)} faces of '${dataset.name}' to ${result.path}` +
            (result.excluded > 0
              ? ` (${formatNumber(result.excluded)} excluded faces left out)`
              : ''),
        )
      } finally {
        bar.stop()
      }
    })
  })
}
