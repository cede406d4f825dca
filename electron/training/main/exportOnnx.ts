import { existsSync } from 'node:fs'
import { mkdir, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'

import { EMOTIONS } from '../../../shared/domain/emotion'
import { StudioFailure } from '../../../shared/transport/envelope'

import {
  compileInferenceGraph,
  INFERENCE_INPUT,
  INFERENCE_OUTPUT,
  weightsOf,
} from '../worker/engine/onnx/compileInference'
import { readPresetLayers } from '../worker/engine/onnx/presetLayers'
import { describeModelInput, type ModelInput, readModelInput } from '../common/modelInput'
import { loadLayersModelFromDir } from '../common/models/layersModelFiles'

/** The file `export-model --format onnx` writes. */
export const ONNX_FILE = 'model.onnx'

export type ExportedRun = Readonly<{ id: number; name: string; config: { model: string } }>

/**
 * What the exported graph's metadata_props say, so the file is usable without the studio: the
 * class order, the input and output names, and how a face becomes the input.
 */
export function onnxMetadata(run: ExportedRun, input: ModelInput): Record<string, string> {
  const size = input.inputSize
  return {
    generated_by: 'FER Studio',
    run: JSON.stringify({ id: run.id, name: run.name, model: run.config.model }),
    labels: JSON.stringify(EMOTIONS),
    input_name: INFERENCE_INPUT,
    input_shape: JSON.stringify(['batch', size, size, 1]),
    input_layout: 'NHWC',
    face_size: String(input.faceSize),
    centre_crop: size < input.faceSize ? String(size) : 'none',
    preprocessing: describeModelInput(input),
    output_name: INFERENCE_OUTPUT,
    output: 'softmax probabilities [batch, 7] in the order of `labels` (FER2013 order)',
  }
}

/**
 * Compiles a saved LayersModel (a run's `model/` folder) into `outDir/model.onnx`: input
 * `faces`, output `probabilities`, the metadata above. Refuses to overwrite an existing
 * model.onnx; the file is written under a temporary name and renamed, so it is never half there.
 */
export async function exportOnnx(
  run: ExportedRun,
  modelDir: string,
  outDir: string,
): Promise<{ dir: string; files: string[] }> {
  const dir = path.resolve(outDir)
  const target = path.join(dir, ONNX_FILE)
  if (existsSync(target)) {
    throw new StudioFailure(
      'CONFLICT',
      `${dir} already holds a ${ONNX_FILE}; choose another folder`,
    )
  }
  const model = await loadLayersModelFromDir(modelDir)
  let bytes: Uint8Array
  try {
    const size = model.inputs[0]?.shape[1]
    if (typeof size !== 'number') throw new Error(`${modelDir}: model has no fixed input size`)
    bytes = compileInferenceGraph({
      layers: readPresetLayers(model),
      weights: weightsOf(model),
      inputSize: size,
      metadata: onnxMetadata(run, await readModelInput(modelDir, size)),
    })
  } finally {
    model.dispose()
  }
  await mkdir(dir, { recursive: true })
  await writeFile(`${target}.tmp`, bytes)
  await rename(`${target}.tmp`, target)
  return { dir, files: [ONNX_FILE] }
}
