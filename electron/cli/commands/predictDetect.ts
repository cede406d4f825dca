import { StudioFailure } from '../../../shared/transport/envelope'
import type { CliIo } from '../cliIo'
import { formatTable, printResult } from '../output'
import type { PredictorOptions } from '../../training/main/predictFiles'
import type { StoreOptions } from '../storeOptions'
import { percent } from './trainingCli'

/**
 * `predict --detect`: finds the faces in each photo (BlazeFace), crops each the FER2013 way and
 * prints one record per face with its box and the seven probabilities. Files without a face are
 * listed as such; unreadable files fail the command after the others are printed.
 */
export async function predictWithDetection(
  io: CliIo,
  options: StoreOptions,
  modelDir: string,
  files: readonly string[],
  predictorOptions: PredictorOptions,
): Promise<void> {
  const [
    { createBlazeFaceDetector },
    { loadFacePredictor },
    { detectFiles },
    { useDetectorBackend },
    { createDefaultBackendLoaders },
  ] = await Promise.all([
    import('../../vision/faceDetector'),
    import('../../training/main/predictFiles'),
    import('../../vision/detectFiles'),
    import('../../vision/detectorBackend'),
    import('../../training/worker/backend/backendLoaders'),
  ])
  await useDetectorBackend(createDefaultBackendLoaders())
  const detector = await createBlazeFaceDetector()
  const predictor = await loadFacePredictor(modelDir, predictorOptions)
  const tta = predictorOptions.tta ?? 'none'
  try {
    const records = await detectFiles(
      { detector, predictor: { ...predictor, predict: (faces) => predictor.predict(faces, tta) } },
      files,
    )
    printResult(io, options, records, () =>
      formatTable([
        ['file', 'face', 'box (x y w h)', 'prediction', 'confidence'],
        ...records.map((r) =>
          r.face === null
            ? [r.file, '-', '', r.error, '']
            : [
                r.file,
                r.face + 1,
                [r.box.x, r.box.y, r.box.width, r.box.height].map(Math.round).join(' '),
                r.label,
                percent(r.confidence),
              ],
        ),
      ]),
    )
    const unreadable = records.filter((r) => r.face === null && r.error !== 'no face found')
    if (unreadable.length > 0)
      throw new StudioFailure(
        'INVALID_INPUT',
        `${unreadable.length} of ${files.length} files could not be read`,
      )
  } finally {
    await predictor.dispose()
  }
}
