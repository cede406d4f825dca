import { NUM_EMOTIONS } from '../../../shared/domain/emotion'
import { classificationReport, confusionMatrix } from '../../../shared/domain/metrics'
import type { Split } from '../../../shared/domain/split'
import type { EvaluationResult, TestTimeAugmentation } from '../../../shared/domain/training'

import type { ComputeEngine } from '../worker/engine/types'
import { averageViews, centreCropFaces, ttaViews, viewsPerFace } from './faceViews'

/** Faces per engine.evaluate call: bounds memory and lets a cancel land between chunks. */
export const EVAL_CHUNK = 512

/**
 * Labelled faces ready for the engine: `x` is `count * size²` floats in [0, 1]. `size` (default:
 * the engine's input side) larger than the engine's input means faces of a run trained on random
 * crops: the engine sees their centre crops, or ten crops with ten-crop TTA.
 */
export type LabelledArrays = Readonly<{
  x: Float32Array
  y: Int32Array
  count: number
  size?: number
}>

/** `data.x` cut to the engine's input side (centre crops); as it is when the sides agree. */
function fitToEngine(engine: ComputeEngine, data: LabelledArrays): Float32Array {
  const size = data.size ?? engine.inputSize
  if (size === engine.inputSize) return data.x
  if (size < engine.inputSize) {
    throw new Error(`${size}px faces are smaller than the model's ${engine.inputSize}px input`)
  }
  return centreCropFaces(data.x, data.count, size, engine.inputSize)
}

/** What a model said about each face: arg-max class and its probability. */
export type FacePredictions = Readonly<{
  predicted: Uint8Array
  confidence: Float32Array
}>

/** Arg-max class and its probability for each row of `count x NUM_EMOTIONS` probabilities. */
export function predictionsFromProbabilities(
  probabilities: Float32Array,
  count: number,
): FacePredictions {
  const predicted = new Uint8Array(count)
  const confidence = new Float32Array(count)
  for (let i = 0; i < count; i++) {
    let best = 0
    let bestP = -Infinity
    for (let k = 0; k < NUM_EMOTIONS; k++) {
      const p = probabilities[i * NUM_EMOTIONS + k] as number
      // Strictly greater: ties go to the lower class index, like numpy's argmax.
      if (p > bestP) {
        bestP = p
        best = k
      }
    }
    predicted[i] = best
    confidence[i] = bestP
  }
  return { predicted, confidence }
}

/**
 * Runs the engine over labelled faces in chunks and returns the mean cross-entropy and all
 * probabilities. `shouldStop` is asked between chunks; when it says yes the result is null, so a
 * cancel during a long validation pass lands within one chunk.
 */
export async function evaluateArrays(
  engine: ComputeEngine,
  data: LabelledArrays,
  shouldStop: () => boolean = () => false,
): Promise<{ loss: number; probabilities: Float32Array } | null> {
  const pixels = engine.inputSize * engine.inputSize
  const x = fitToEngine(engine, data)
  const probabilities = new Float32Array(data.count * NUM_EMOTIONS)
  let lossSum = 0
  for (let start = 0; start < data.count; start += EVAL_CHUNK) {
    if (shouldStop()) return null
    const n = Math.min(EVAL_CHUNK, data.count - start)
    const part = await engine.evaluate(
      x.subarray(start * pixels, (start + n) * pixels),
      data.y.subarray(start, start + n),
      n,
    )
    probabilities.set(part.probabilities.subarray(0, n * NUM_EMOTIONS), start * NUM_EMOTIONS)
    lossSum += part.loss * n
  }
  return { loss: data.count > 0 ? lossSum / data.count : 0, probabilities }
}

/** Each `size x size` face of `x` mirrored left to right, in a new array. */
export function mirrorFaces(x: Float32Array, count: number, size: number): Float32Array {
  const out = new Float32Array(count * size * size)
  for (let row = 0; row < count * size; row++) {
    const base = row * size
    for (let col = 0; col < size; col++) out[base + col] = x[base + size - 1 - col] as number
  }
  return out
}

/** Mean cross-entropy of `count x NUM_EMOTIONS` probabilities against the true classes. */
export function meanCrossEntropy(probabilities: Float32Array, truth: ArrayLike<number>): number {
  if (truth.length === 0) return 0
  let sum = 0
  for (let i = 0; i < truth.length; i++) {
    const p = probabilities[i * NUM_EMOTIONS + (truth[i] as number)] as number
    sum -= Math.log(Math.max(p, 1e-7))
  }
  return sum / truth.length
}

/**
 * `evaluateArrays` with test-time augmentation: with 'flip', each face and its mirror image are
 * both predicted and their probabilities averaged; with 'ten-crop' (faces larger than the engine's
 * input), its four corner crops and centre crop, each also mirrored. The views of a face go to the
 * engine in one batch, a chunk of faces at a time; the loss is that of the averages.
 */
export async function evaluateWithTta(
  engine: ComputeEngine,
  data: LabelledArrays,
  tta: TestTimeAugmentation,
  shouldStop: () => boolean = () => false,
): Promise<{ loss: number; probabilities: Float32Array } | null> {
  if (tta === 'none') return evaluateArrays(engine, data, shouldStop)
  const size = data.size ?? engine.inputSize
  const crop = engine.inputSize
  const perFace = viewsPerFace(tta)
  const facesPerChunk = Math.max(1, Math.floor(EVAL_CHUNK / perFace))
  const probabilities = new Float32Array(data.count * NUM_EMOTIONS)
  for (let start = 0; start < data.count; start += facesPerChunk) {
    if (shouldStop()) return null
    const n = Math.min(facesPerChunk, data.count - start)
    const views = ttaViews(data.x, { start, count: n }, size, crop, tta)
    const viewProbabilities = await engine.predict(views, n * perFace)
    probabilities.set(
      averageViews(viewProbabilities, n, perFace, NUM_EMOTIONS),
      start * NUM_EMOTIONS,
    )
  }
  return { loss: meanCrossEntropy(probabilities, data.y), probabilities }
}

/**
 * The full evaluation record (scikit-learn's classification_report numbers, zero_division=0) of
 * predictions against true labels.
 */
export function evaluationResult(
  input: Readonly<{
    runId: number
    split: Split
    epoch: number | null
    truth: ArrayLike<number>
    predicted: ArrayLike<number>
    loss: number | null
    tta?: TestTimeAugmentation
  }>,
): EvaluationResult {
  const confusion = confusionMatrix(input.truth, input.predicted, NUM_EMOTIONS)
  const report = classificationReport(confusion)
  const pick = (m: { precision: number; recall: number; f1: number }) => ({
    precision: m.precision,
    recall: m.recall,
    f1: m.f1,
  })
  return {
    runId: input.runId as EvaluationResult['runId'],
    split: input.split,
    tta: input.tta ?? 'none',
    epoch: input.epoch,
    confusion,
    accuracy: report.accuracy,
    loss: input.loss,
    perClass: report.perClass.map((m) => ({ ...pick(m), support: m.support })),
    macro: pick(report.macro),
    weighted: pick(report.weighted),
  }
}

/** Accuracy, macro-F1 and the confusion matrix of one validation pass, for the epoch logs. */
export function epochValidationMetrics(
  truth: ArrayLike<number>,
  probabilities: Float32Array,
): { accuracy: number; macroF1: number; confusion: number[][] } {
  const { predicted } = predictionsFromProbabilities(probabilities, truth.length)
  const confusion = confusionMatrix(truth, predicted, NUM_EMOTIONS)
  const report = classificationReport(confusion)
  return { accuracy: report.accuracy, macroF1: report.macro.f1, confusion }
}
