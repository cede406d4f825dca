import * as tf from './tf'

import { EMOTIONS, type Emotion } from '../../shared/domain/emotion'
import { decodeFace } from '../imaging/decodeFace'

import { loadLayersModelFromDir } from './models/layersModelFiles'

export type FilePrediction = Readonly<
  | { file: string; label: Emotion; confidence: number; probabilities: number[] }
  | { file: string; error: string }
>

/**
 * Reads any image sharp can decode as the model's input, through the same decoder as imports
 * (`decodeFace`: EXIF orientation applied, alpha flattened onto black, grayscale, centre-cropped
 * to a square and resized to size x size), scaled to 0..1 like training faces.
 */
export async function readFaceImage(file: string, size: number): Promise<Float32Array> {
  return Float32Array.from(await decodeFace(file, size), (v) => v / 255)
}

/**
 * Predicts the expression of each image file with a saved LayersModel (a run's `model/` folder or
 * an export), on whatever tfjs backend is active. A file that cannot be read gets an `error`
 * naming the problem instead of failing the others.
 */
export async function predictFiles(
  modelDir: string,
  files: readonly string[],
): Promise<FilePrediction[]> {
  const model = await loadLayersModelFromDir(modelDir)
  try {
    const size = model.inputs[0]?.shape[1]
    if (typeof size !== 'number') throw new Error(`${modelDir}: model has no fixed input size`)
    const results: FilePrediction[] = []
    for (const file of files) {
      let pixels: Float32Array
      try {
        pixels = await readFaceImage(file, size)
      } catch (err) {
        results.push({ file, error: err instanceof Error ? err.message : String(err) })
        continue
      }
      const output = tf.tidy(
        () => model.predict(tf.tensor4d(pixels, [1, size, size, 1])) as tf.Tensor,
      )
      const probabilities = Array.from(await output.data())
      output.dispose()
      let best = 0
      probabilities.forEach((p, k) => {
        if (p > (probabilities[best] ?? -1)) best = k
      })
      results.push({
        file,
        label: EMOTIONS[best] as Emotion,
        confidence: probabilities[best] ?? 0,
        probabilities,
      })
    }
    return results
  } finally {
    model.dispose()
  }
}
