import type { Command } from 'commander'

import { exportModel } from '../../training/exportModel'
import type { CliIo } from '../cliIo'
import { printResult } from '../output'
import { withStoreOptions, withStoreReading } from '../storeOptions'
import type { StoreOptions } from '../storeOptions'
import { findRun } from './trainingCli'

/** `fer-studio export-model --run R --out DIR`: the best model as a TF.js LayersModel folder. */
export function registerExportModelCommand(program: Command, io: CliIo): void {
  withStoreOptions(
    program
      .command('export-model')
      .description(
        "copy a run's best model to a folder that loads with tf.loadLayersModel (browser or Node)",
      )
      .requiredOption('--run <run>', 'run id or name')
      .requiredOption(
        '--out <dir>',
        'folder to write model.json, weights.bin and fer-studio.json to',
      ),
  ).action(async (options: StoreOptions & { run: string; out: string }) => {
    await withStoreReading(options, io, async ({ db }) => {
      const run = findRun(db, options.run)
      const result = await exportModel(run, options.out)
      printResult(io, options, result, () =>
        [
          `Exported run ${run.id} (${run.name}) to ${result.dir}: ${result.files.join(', ')}`,
          `Load it with tf.loadLayersModel('<url of ${result.dir}>/model.json').`,
        ].join('\n'),
      )
    })
  })
}
