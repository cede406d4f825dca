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
