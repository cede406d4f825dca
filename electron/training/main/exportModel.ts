import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import path from 'node:path'

import { EMOTIONS } from '../../../shared/domain/emotion'
import type { ModelFormat } from '../../../shared/domain/training'
import { StudioFailure } from '../../../shared/transport/envelope'

import { exportOnnx } from './exportOnnx'
import { describeModelInput, readSavedModelInput } from '../common/modelInput'
import { runFiles } from '../common/protocol'

/** What `export` writes beside the model so a user knows how to feed it. */
export const METADATA_FILE = 'fer-studio.json'

export type ExportResult = Readonly<{ dir: string; files: string[] }>

export { MODEL_FORMATS, type ModelFormat } from '../../../shared/domain/training'

/**
 * Copies a run's best model (TF.js LayersModel: model.json + weights) to `outDir`, which then
 * loads anywhere with `tf.loadLayersModel('<url or path>/model.json')`, in a browser or in Node.
 * Adds `fer-studio.json`: the class names in output order, the input size, the face size and
 * crop it is cut from, and how pixels are scaled. Refuses to mix the model into a folder that holds another model.json.
 * With `format: 'onnx'` writes `model.onnx` instead (exportOnnx.ts), its metadata inside.
 */
export async function exportModel(
  run: Readonly<{ id: number; name: string; runDir: string | null; config: { model: string } }>,
  outDir: string,
  format: ModelFormat = 'tfjs',
): Promise<ExportResult> {
  const modelDir = run.runDir === null ? null : runFiles(run.runDir).model
  if (modelDir === null || !existsSync(path.join(modelDir, 'model.json'))) {
    throw new StudioFailure('CONFLICT', `Run ${run.id} has no saved model yet (no epoch finished)`)
  }
  if (format === 'onnx') return exportOnnx(run, modelDir, outDir)
  const dir = path.resolve(outDir)
  if (existsSync(path.join(dir, 'model.json'))) {
    throw new StudioFailure('CONFLICT', `${dir} already holds a model.json; choose an empty folder`)
  }
  await mkdir(dir, { recursive: true })
  const files = (await readdir(modelDir)).filter((f) => !f.endsWith('.tmp'))
  for (const file of files) await copyFile(path.join(modelDir, file), path.join(dir, file))
  const input = await readSavedModelInput(modelDir)
  const size = input.inputSize
  const metadata = {
    generatedBy: 'FER Studio',
    run: { id: run.id, name: run.name, model: run.config.model },
    labels: EMOTIONS,
    input: {
      shape: [null, size, size, 1],
      faceSize: input.faceSize,
      centreCrop: size < input.faceSize ? size : null,
      description: describeModelInput(input),
    },
    output: 'softmax probabilities in the order of `labels` (FER2013 order)',
  }
  await writeFile(path.join(dir, METADATA_FILE), JSON.stringify(metadata, null, 2) + '\n')
  return { dir, files: [...files, METADATA_FILE].sort() }
}
