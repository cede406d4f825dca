import * as tf from '@tensorflow/tfjs'

import { EMOTIONS, type Emotion } from '../../shared/domain/emotion'
import { decodeFace } from '../imaging/decodeFace'

import { compileInferenceGraph, weightsOf } from './engine/onnx/compileInference'
import { openOrtInference } from './engine/onnx/ortInference'
import { readPresetLayers } from './engine/onnx/presetLayers'
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

export type PredictFilesOptions = Readonly<{
  /**
   * Run the model on ONNX Runtime (compiled from the saved model) instead of tfjs; where ORT
   * cannot load or run it, tfjs on the active backend answers instead.
   */
  onnx?: boolean
}>

/** Faces per tfjs forward pass: bounds memory however many files there are. */
const TFJS_CHUNK = 256

/** Probabilities of `count` faces with the tfjs model, on the active backend. */
function predictTfjs(model: tf.LayersModel, x: Float32Array, count: number, size: number) {
  const out = new Float32Array(count * 7)
  const pixels = size * size
  for (let start = 0; start < count; start += TFJS_CHUNK) {
    const n = Math.min(TFJS_CHUNK, count - start)
    const faces = x.subarray(start * pixels, (start + n) * pixels)
    tf.tidy(() => {
      const probs = model.predict(tf.tensor4d(faces, [n, size, size, 1])) as tf.Tensor
      out.set(probs.dataSync(), start * 7)
    })
  }
  return out
}

/** Probabilities of `count` faces on ONNX Runtime, or null where it is not available. */
async function predictOrt(model: tf.LayersModel, x: Float32Array, count: number, size: number) {
  const bytes = compileInferenceGraph({
    layers: readPresetLayers(model),
    weights: weightsOf(model),
    inputSize: size,
  })
  const opened = await openOrtInference(bytes, size)
  if (!opened.ok) return null
  try {
    return await opened.inference.predict(x, count)
  } finally {
    await opened.inference.dispose()
  }
}

/**
 * Predicts the expression of each image file with a saved LayersModel (a run's `model/` folder or
 * an export), on ONNX Runtime (`options.onnx`) or on whatever tfjs backend is active. A file that
 * cannot be read gets an `error` naming the problem instead of failing the others.
 */
export async function predictFiles(
  modelDir: string,
  files: readonly string[],
  options: PredictFilesOptions = {},
): Promise<FilePrediction[]> {
  const model = await loadLayersModelFromDir(modelDir)
  try {
    const size = model.inputs[0]?.shape[1]
    if (typeof size !== 'number') throw new Error(`${modelDir}: model has no fixed input size`)
    const read: { file: string; pixels: Float32Array | null; error: string }[] = []
    for (const file of files) {
      try {
        read.push({ file, pixels: await readFaceImage(file, size), error: '' })
      } catch (err) {
        read.push({ file, pixels: null, error: err instanceof Error ? err.message : String(err) })
      }
    }
    const faces = read.flatMap((r) => (r.pixels ? [r.pixels] : []))
    const x = new Float32Array(faces.length * size * size)
    faces.forEach((pixels, i) => x.set(pixels, i * size * size))
    const all =
      faces.length === 0
        ? new Float32Array()
        : ((options.onnx ? await predictOrt(model, x, faces.length, size) : null) ??
          predictTfjs(model, x, faces.length, size))
    let next = 0
    return read.map(({ file, pixels, error }): FilePrediction => {
      if (!pixels) return { file, error }
      const probabilities = Array.from(all.subarray(next * 7, ++next * 7))
      let best = 0
      probabilities.forEach((p, k) => {
        if (p > (probabilities[best] ?? -1)) best = k
      })
      return {
        file,
        label: EMOTIONS[best] as Emotion,
        confidence: probabilities[best] ?? 0,
        probabilities,
      }
    })
  } finally {
    model.dispose()
  }
}
