import { existsSync } from 'node:fs'
import { readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'

import { z } from 'zod'

/**
 * How faces become a saved model's input, written beside its model.json (and so copied into TF.js
 * exports): faces are cut from photos at `faceSize` like the dataset's, then the model sees the
 * centre `inputSize` square of them (smaller when the run trained on random crops).
 */
export const ModelInput = z.object({
  faceSize: z.number().int().positive(),
  inputSize: z.number().int().positive(),
})
export type ModelInput = z.infer<typeof ModelInput>

export const MODEL_INPUT_FILE = 'fer-studio-input.json'

/** Records a run's model input in its model folder (before any model.json is saved there). */
export async function writeModelInput(modelDir: string, input: ModelInput): Promise<void> {
  const file = path.join(modelDir, MODEL_INPUT_FILE)
  await writeFile(`${file}.tmp`, JSON.stringify(ModelInput.parse(input)) + '\n')
  await rename(`${file}.tmp`, file)
}

/**
 * The model input recorded in `modelDir`; a folder without one (runs from before random crops,
 * other tools' models) takes whole faces of the model's own input side.
 */
export async function readModelInput(modelDir: string, inputSize: number): Promise<ModelInput> {
  const file = path.join(modelDir, MODEL_INPUT_FILE)
  if (!existsSync(file)) return { faceSize: inputSize, inputSize }
  const parsed = ModelInput.safeParse(JSON.parse(await readFile(file, 'utf8')))
  if (!parsed.success || parsed.data.inputSize !== inputSize || parsed.data.faceSize < inputSize) {
    throw new Error(`${file} does not describe this model's ${inputSize}px input`)
  }
  return parsed.data
}

/** Side of the square input, from the first layer's batch_input_shape in a saved model.json. */
export async function savedInputSize(modelDir: string): Promise<number> {
  const modelJson = path.join(modelDir, 'model.json')
  const json = JSON.parse(await readFile(modelJson, 'utf8')) as {
    modelTopology?: { config?: { layers?: Array<{ config?: { batch_input_shape?: unknown[] } }> } }
  }
  const shape = json.modelTopology?.config?.layers?.[0]?.config?.batch_input_shape
  const side = shape?.[1]
  if (typeof side !== 'number') throw new Error(`${modelJson}: cannot tell the model's input size`)
  return side
}

/** The model input of a saved model folder (model.json plus the record beside it). */
export async function readSavedModelInput(modelDir: string): Promise<ModelInput> {
  return readModelInput(modelDir, await savedInputSize(modelDir))
}

/** How to turn a face into the input, in words, for exports' metadata and model cards. */
export function describeModelInput(input: ModelInput): string {
  const { faceSize, inputSize } = input
  const face =
    `${faceSize}x${faceSize} grayscale face (the photo's face square, or its centred square, ` +
    `resized like the dataset's faces)`
  const crop =
    inputSize < faceSize
      ? `, then its centre ${inputSize}x${inputSize} crop (the model trained on random ` +
        `${inputSize}px crops; averaging the four corner and centre crops and their mirror ` +
        `images, ten-crop, is a little more accurate)`
      : ''
  return (
    `${face}${crop}; float32 pixel values divided by 255 (0..1), ` +
    `shape [batch, ${inputSize}, ${inputSize}, 1] (NHWC)`
  )
}
