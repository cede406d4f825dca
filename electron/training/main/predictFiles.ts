import { EMOTIONS, type Emotion } from '../../../shared/domain/emotion'
import type { TestTimeAugmentation } from '../../../shared/domain/training'
import { cropFace } from '../../vision/cropFace'
import { decodePhoto } from '../../vision/decodePhoto'

import { compileInferenceGraph, weightsOf } from '../worker/engine/onnx/compileInference'
import { openOrtInference, type OrtInference } from '../worker/engine/onnx/ortInference'
import { readPresetLayers } from '../worker/engine/onnx/presetLayers'
import { averageViews, ttaViews, viewsPerFace } from '../common/faceViews'
import { readModelInput } from '../common/modelInput'
import { loadLayersModelFromDir } from '../common/models/layersModelFiles'
import * as tf from '../common/tf'

/** A model's verdict on one face: the likeliest expression and all seven probabilities. */
export type FacePrediction = Readonly<{
  label: Emotion
  confidence: number
  probabilities: number[]
}>

export type FilePrediction = Readonly<
  ({ file: string } & FacePrediction) | { file: string; error: string }
>

/** A saved model, loaded once, predicting batches of faces of its dataset's face size. */
export type FacePredictor = Readonly<{
  /**
   * Side in pixels of the faces it takes (its dataset's, 48 for FER2013); a model trained on
   * random crops sees their centre crop, or ten crops with 'ten-crop'.
   */
  size: number
  /** The model's own input side: `size`, or the crop it was trained on. */
  inputSize: number
  /** Where the predictions are computed: 'onnxruntime' or the active tfjs backend's name. */
  runtime: string
  /**
   * One prediction per face; each face is size x size 8-bit grayscale, row-major. With `tta`
   * 'flip' or 'ten-crop' the views of each face are predicted in one batch and averaged.
   */
  predict(faces: readonly Uint8Array[], tta?: TestTimeAugmentation): Promise<FacePrediction[]>
  dispose(): Promise<void>
}>

export type PredictorOptions = Readonly<{
  /**
   * Run the model on ONNX Runtime (compiled from the saved model) instead of tfjs; where ORT
   * cannot load or run it, tfjs on the active backend answers instead.
   */
  onnx?: boolean
  /** Test-time augmentation for `predictFiles` (default 'none'). */
  tta?: TestTimeAugmentation
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

/** Faces per tfjs forward pass: bounds memory however many faces there are. */
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

/** The model's inference graph opened in ONNX Runtime, or null where ORT is not available. */
async function openOrt(model: tf.LayersModel, size: number): Promise<OrtInference | null> {
  const bytes = compileInferenceGraph({
    layers: readPresetLayers(model),
    weights: weightsOf(model),
    inputSize: size,
  })
  const opened = await openOrtInference(bytes, size)
  return opened.ok ? opened.inference : null
}

/**
 * Loads a saved LayersModel (a run's `model/` folder or an export) for prediction: on ONNX Runtime
 * (`options.onnx`) where it loads, otherwise on whatever tfjs backend is active.
 */
export async function loadFacePredictor(
  modelDir: string,
  options: PredictorOptions = {},
): Promise<FacePredictor> {
  const model = await loadLayersModelFromDir(modelDir)
  const inputSize = model.inputs[0]?.shape[1]
  if (typeof inputSize !== 'number') {
    model.dispose()
    throw new Error(`${modelDir}: model has no fixed input size`)
  }
  let size: number
  try {
    size = (await readModelInput(modelDir, inputSize)).faceSize
  } catch (err) {
    model.dispose()
    throw err
  }
  const ort = options.onnx ? await openOrt(model, inputSize) : null
  return {
    size,
    inputSize,
    runtime: ort ? 'onnxruntime' : tf.getBackend(),
    async predict(faces, tta = 'none') {
      if (faces.length === 0) return []
      const x = new Float32Array(faces.length * size * size)
      faces.forEach((face, k) => x.set(toInput(face), k * size * size))
      const views = ttaViews(x, { start: 0, count: faces.length }, size, inputSize, tta)
      const perFace = viewsPerFace(tta)
      const count = faces.length * perFace
      const each = ort
        ? await ort.predict(views, count)
        : predictTfjs(model, views, count, inputSize)
      const all = averageViews(each, faces.length, perFace, 7)
      return faces.map((_, k) => toPrediction(Array.from(all.subarray(k * 7, k * 7 + 7))))
    },
    async dispose() {
      await ort?.dispose()
      model.dispose()
    },
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
 * Predicts the expression of each image file with a saved LayersModel (a run's `model/` folder or
 * an export), on ONNX Runtime (`options.onnx`) or on whatever tfjs backend is active, all readable
 * files in one batch. A file that cannot be read gets an `error` naming the problem instead of
 * failing the others.
 */
export async function predictFiles(
  modelDir: string,
  files: readonly string[],
  options: PredictorOptions = {},
): Promise<FilePrediction[]> {
  const predictor = await loadFacePredictor(modelDir, options)
  try {
    const read: { file: string; face: Uint8Array | null; error: string }[] = []
    for (const file of files) {
      try {
        read.push({
          file,
          face: await cropFace(await decodePhoto(file), null, predictor.size),
          error: '',
        })
      } catch (err) {
        read.push({ file, face: null, error: err instanceof Error ? err.message : String(err) })
      }
    }
    const predictions = await predictor.predict(
      read.flatMap((r) => (r.face ? [r.face] : [])),
      options.tta ?? 'none',
    )
    let next = 0
    return read.map(({ file, face, error }): FilePrediction => {
      const prediction = face ? predictions[next++] : undefined
      return prediction ? { file, ...prediction } : { file, error }
    })
  } finally {
    await predictor.dispose()
  }
}
