import type { Command } from 'commander'

import { EMOTIONS } from '../../../shared/domain/emotion'
import { recommendedTta } from '../../../shared/domain/recommendedTta'
import { StudioFailure } from '../../../shared/transport/envelope'
import type { BackendName } from '../../../shared/domain/training'
import { runFiles } from '../../training/common/protocol'
import type { CliIo } from '../cliIo'
import { formatTable, printResult } from '../output'
import { withStoreOptions, withStoreReading } from '../storeOptions'
import type { StoreOptions } from '../storeOptions'
import { predictWithDetection } from './predictDetect'
import { TTA_HELP, ttaOption } from './recipeFlags'
import { findRun, percent } from './trainingCli'

type PredictOptions = StoreOptions & {
  run: string
  backend: string
  tta?: string
  detect?: boolean
}

/** `fer-studio predict --run R FILES...`: expression probabilities for image files. */
export function registerPredictCommand(program: Command, io: CliIo): void {
  withStoreOptions(
    program
      .command('predict')
      .description(
        "predict the expression in image files (any format sharp reads) with a run's best model",
      )
      .requiredOption('--run <run>', 'run id or name')
      .argument('<files...>', 'image files; each is made grayscale and resized to the model input')
      .option(
        '--detect',
        'find the faces in each photo and predict each one (one record per face, with its box)',
      )
      .option(
        '--backend <backend>',
        'compute backend: auto, tensorflow-gpu, onnxruntime, tensorflow, wasm or cpu',
        'auto',
      )
      .option('--tta <mode>', TTA_HELP),
  ).action(async (files: string[], options: PredictOptions) => {
    const asked = ttaOption(options.tta)
    await withStoreReading(options, io, async ({ db }) => {
      const run = findRun(db, options.run)
      const tta = asked ?? recommendedTta(run.config)
      if (tta === 'ten-crop' && run.config.crop === null) {
        throw new StudioFailure(
          'INVALID_INPUT',
          `Run ${run.id} was trained on whole faces, not random crops: ten-crop averages crops of a model trained on crops (train with --crop); use none or flip`,
        )
      }
      if (run.runDir === null)
        throw new StudioFailure('CONFLICT', `Run ${run.id} has no saved model yet`)
      // tfjs loads on demand so other commands start fast.
      const [{ createDefaultBackendLoaders }, { selectBackend }, { predictFiles }] =
        await Promise.all([
          import('../../training/worker/backend/backendLoaders'),
          import('../../training/worker/backend/selectBackend'),
          import('../../training/main/predictFiles'),
        ])
      const loaders = createDefaultBackendLoaders()
      const preference = options.backend as 'auto' | BackendName
      if (!(preference === 'auto' || preference in loaders)) {
        throw new StudioFailure('INVALID_INPUT', `Unknown backend '${options.backend}'`)
      }
      const backend = await selectBackend({ preference, loaders })
      const predictorOptions = { onnx: backend.name === 'onnxruntime', tta }
      if (options.detect) {
        await predictWithDetection(io, options, runFiles(run.runDir).model, files, predictorOptions)
        return
      }
      const results = await predictFiles(runFiles(run.runDir).model, files, predictorOptions)
      printResult(io, options, results, () =>
        formatTable([
          ['file', 'prediction', 'confidence', 'runner-up'],
          ...results.map((r) => {
            if ('error' in r) return [r.file, 'ERROR', r.error, '']
            const ranked = r.probabilities.map((p, k) => ({ p, k })).sort((a, b) => b.p - a.p)
            const second = ranked[1]
            return [
              r.file,
              r.label,
              percent(r.confidence),
              second ? `${EMOTIONS[second.k]} ${percent(second.p)}` : '',
            ]
          }),
        ]),
      )
      const failed = results.filter((r) => 'error' in r).length
      if (failed > 0)
        throw new StudioFailure(
          'INVALID_INPUT',
          `${failed} of ${files.length} files could not be read`,
        )
    })
  })
}
