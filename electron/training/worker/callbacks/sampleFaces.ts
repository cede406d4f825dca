import type { EvalSet } from '../trainerData'
import type { FromWorker, Unsequenced } from '../../common/protocol'
import type { TrainingCallback } from './callback'

/** How many validation faces Present mode follows through the epochs. */
export const SAMPLE_FACES = 8

/**
 * Which validation faces to follow: one of each class in validation order (so every expression
 * shows), then the next faces in order up to `count`. Deterministic: the same run picks the same.
 */
export function pickSampleFaces(labels: Uint8Array, count = SAMPLE_FACES): number[] {
  const picked: number[] = []
  const seen = new Set<number>()
  labels.forEach((label, i) => {
    if (!seen.has(label) && picked.length < count) {
      seen.add(label)
      picked.push(i)
    }
  })
  for (let i = 0; i < labels.length && picked.length < count; i++)
    if (!picked.includes(i)) picked.push(i)
  return picked.sort((a, b) => a - b)
}

/**
 * After each epoch, predicts a small fixed sample of validation faces and reports their
 * probabilities (`epochSamples`), so a finished run can be replayed epoch by epoch with faces
 * changing their predicted label. Goes after the progress reporter: main stores the epoch first.
 */
export function createSampleFaces(
  options: Readonly<{
    runId: number
    validation: EvalSet
    post: (message: Unsequenced<FromWorker>) => void
    count?: number
  }>,
): TrainingCallback {
  const { validation } = options
  const indices = pickSampleFaces(validation.labels, options.count)
  const area = validation.x.length / Math.max(1, validation.count)
  const x = new Float32Array(indices.length * area)
  indices.forEach((i, k) => x.set(validation.x.subarray(i * area, (i + 1) * area), k * area))
  const faceIds = indices.map((i) => validation.faceIds[i] as number)
  return {
    name: 'sampleFaces',
    async onEpochEnd({ logs }, ctx) {
      if (indices.length === 0) return
      // Validation faces come cut to the model's input (centre crops for a run on random crops).
      if (validation.size !== ctx.engine.inputSize) {
        throw new Error(
          `sampleFaces: ${validation.size}px validation faces for a ${ctx.engine.inputSize}px model`,
        )
      }
      const flat = await ctx.engine.predict(x, indices.length)
      options.post({
        type: 'epochSamples',
        runId: options.runId,
        epoch: logs.epoch,
        faceIds,
        probabilities: Float32Array.from(flat),
      })
    },
  }
}
