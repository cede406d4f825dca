import type { Command } from 'commander'

import type { CliIo } from '../cliIo'
import { formatNumber, formatTable, printResult } from '../output'
import { withStoreOptions } from '../storeOptions'
import type { StoreOptions } from '../storeOptions'

/** `fer-studio models`: the model presets with parameter counts and FLOPs. */
export function registerModelsCommand(program: Command, io: CliIo): void {
  withStoreOptions(
    program
      .command('models')
      .description('the model presets: parameters, FLOPs per face, input size'),
  ).action(async (options: StoreOptions) => {
    // tfjs loads on demand so other commands start fast. Counting builds each model once on
    // tfjs' CPU backend, whose "install tfjs-node" banner is noise here (training picks the
    // fastest backend in its worker).
    const [tf, { listModelPresets }] = await Promise.all([
      import('../../training/common/tf'),
      import('../../training/common/models/registry'),
    ])
    tf.env().set('PROD', true)
    const presets = listModelPresets()
    printResult(io, options, presets, () =>
      formatTable([
        ['model', 'params', 'trainable', 'MFLOPs/face', 'input', 'description'],
        ...presets.map((p) => [
          p.name,
          formatNumber(p.params),
          formatNumber(p.trainableParams),
          (p.flops / 1e6).toFixed(1),
          `${p.inputSize}x${p.inputSize}`,
          p.description,
        ]),
      ]),
    )
  })
}
