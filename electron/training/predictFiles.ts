import * as tf from './tf'

import { EMOTIONS, type Emotion } from '../../shared/domain/emotion'
import { cropFace } from '../vision/cropFace'
import { decodePhoto } from '../vision/decodePhoto'

import { loadLayersModelFromDir } from './models/layersModelFiles'

/** A model's verdict on one face: the likeliest expression and all seven probabilities. */
export type FacePrediction = Readonly<{
  label: Emotion
  confidence: number
  probabilities: number[]
}>

export type FilePrediction = Readonly<
  ({ file: string } & FacePrediction) | { file: string; error: string }
>

/** A saved model, loaded once, predicting batches of faces of its input size. */
export type FacePredictor = Readonly<{
  /** The model's input side in pixels (48 for every preset). */
  size: number
  /** One prediction per face; each face is size x size 8-bit grayscale, row-major. */
  predict(faces: readonly Uint8Array[]): Promise<FacePrediction[]>
  dispose(): void
}>

/**
 * Reads any image sharp can decode as the model's input: the photo's centred square through the
 * one face crop (`cropFace`, the same as imports' decoder: EXIF orientation applied, alpha
 * flattened onto black, grayscale, never stretched), scaled to 0..1 like training faces.
 */
export async function readFaceImage(file: string, size: number): Promise<Float32Array> {
  return toInput(await cropFace(await decodePhoto(file), null, size))
}

function toInput(face: Uint8Array): Float32Array {
  return Float32Array.from(face, (v) => v / 255)
}

/** Loads a saved LayersModel (a run's `model/` folder or an export) on the active tfjs backend. */
export async function loadFacePredictor(modelDir: string): Promise<FacePredictor> {
  const model = await loadLayersModelFromDir(modelDir)
  const size = model.inputs[0]?.shape[1]
  if (typeof size !== 'number') {
    model.dispose()
    throw new Error(`${modelDir}: model has no fixed input size`)
  }
  return {
    size,
    async predict(faces) {
      if (faces.length === 0) return []
      const input = new Float32Array(faces.length * size * size)
      faces.forEach((face, k) => input.set(toInput(face), k * size * size))
      const output = tf.tidy(
        () => model.predict(tf.tensor4d(input, [faces.length, size, size, 1])) as tf.Tensor,
      )
      const flat = await output.data()
      output.dispose()
      return faces.map((_, k) => toPrediction(Array.from(flat.subarray(k * 7, k * 7 + 7))))
    },
    dispose: () => model.dispose(),
  }
}

function toPrediction(probabilities: number[]): FacePrediction {
  let best = 0
  probabilities.forEach((p, k) => {
    if (p > (probabilities[best] ?? -1)) best = k
  })
  return { label: EMOTIONS[best] as Emotion, confidence: probabilities[best] ?? 0, probabilities }
}

/**
 * Predicts the expression of each image file with a saved LayersModel, on whatever tfjs backend
 * is active. A file that cannot be read gets an `error` naming the problem instead of failing
 * the others.
 */
export async function predictFiles(
  modelDir: string,
  files: readonly string[],
): Promise<FilePrediction[]> {
  const predictor = await loadFacePredictor(modelDir)
  try {
    const results: FilePrediction[] = []
    for (const file of files) {
      let face: Uint8Array
      try {
        face = await cropFace(await decodePhoto(file), null, predictor.size)
      } catch (err) {
        results.push({ file, error: err instanceof Error ? err.message : String(err) })
        continue
      }
      const [prediction] = await predictor.predict([face])
      if (prediction) results.push({ file, ...prediction })
    }
    return results
  } finally {
    predictor.dispose()
  }
}
