import type { Command } from 'commander'

import { StudioFailure } from '../../../shared/transport/envelope'
import { findAppVersion } from '../../services/appService'
import { MODEL_FORMATS, type ModelFormat } from '../../training/main/exportModel'
import { exportModelWithCard } from '../../training/main/modelCard/exportWithCard'
import type { CliIo } from '../cliIo'
import { printResult } from '../output'
import { withStoreOptions, withStoreReading } from '../storeOptions'
import type { StoreOptions } from '../storeOptions'
import { findRun } from './trainingCli'

/**
 * `fer-studio export-model --run R --out DIR [--format tfjs|onnx]`: the best model as a TF.js
 * LayersModel folder, or as one model.onnx for ONNX Runtime.
 */
export function registerExportModelCommand(program: Command, io: CliIo): void {
  withStoreOptions(
    program
      .command('export-model')
      .description(
        "write a run's best model to a folder: TF.js (tf.loadLayersModel, browser or Node) or ONNX",
      )
      .requiredOption('--run <run>', 'run id or name')
      .requiredOption(
        '--out <dir>',
        'folder to write to (tfjs: model.json, weights.bin, fer-studio.json; onnx: model.onnx; both: MODEL_CARD.md, model_card.json)',
      )
      .option('--format <format>', `${MODEL_FORMATS.join(' or ')} (default tfjs)`, 'tfjs'),
  ).action(async (options: StoreOptions & { run: string; out: string; format: string }) => {
    await withStoreReading(options, io, async ({ db }) => {
      if (!(MODEL_FORMATS as readonly string[]).includes(options.format)) {
        throw new StudioFailure(
          'INVALID_INPUT',
          `Unknown format '${options.format}' (known: ${MODEL_FORMATS.join(', ')})`,
        )
      }
      const format = options.format as ModelFormat
      const run = findRun(db, options.run)
      const result = await exportModelWithCard(
        { db, now: Date.now, appVersion: findAppVersion() },
        run,
        options.out,
        format,
      )
      printResult(io, options, result, () =>
        [
          `Exported run ${run.id} (${run.name}) to ${result.dir}: ${result.files.join(', ')}`,
          format === 'onnx'
            ? `Run it with ONNX Runtime: input 'faces' (NHWC, pixels / 255), output 'probabilities'; its metadata holds the class order and preprocessing.`
            : `Load it with tf.loadLayersModel('<url of ${result.dir}>/model.json').`,
        ].join('\n'),
      )
    })
  })
}
