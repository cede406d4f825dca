import { NUM_EMOTIONS } from '../../../../shared/domain/emotion'
import type { AugmentConfig, BalanceConfig } from '../../../../shared/domain/training'
import { copyCrop } from '../../common/faceViews'
import { augmentFace } from './augment'
import { isIdentityAugment, LIGHT_AUGMENT } from './augmentParams'
import { classCounts, oversampleTarget } from './balance'
import { mixBatch } from './mixup'
import { fillTarget } from './targets'
import { createRng, mixSeed } from './rng'

/**
 * A split's faces as flat typed arrays (what a dataset snapshot is loaded into): face i's pixels
 * are `pixels[i*size*size .. (i+1)*size*size)`, row-major bytes; `labels[i]` is its class 0..6 and
 * `faceIds[i]` its database id.
 */
export type FaceArrays = {
  size: number
  count: number
  pixels: Uint8Array
  labels: Int32Array
  faceIds: Int32Array
  /**
   * Per-face target distributions (`count * NUM_EMOTIONS`) when the run trains on soft targets
   * (FER+ votes, ferPlusTargets.ts); absent or null: one-hot labels.
   */
  soft?: Float32Array | null
}

/**
 * One batch as the engine takes it: `x` is `count*side*side` floats in [0, 1] (NHWC, 1 channel),
 * `side` being the faces' size or, for train batches with random crops, the crop's.
 */
export type FaceBatch = {
  x: Float32Array
  y: Int32Array
  /** `count * NUM_EMOTIONS` target probabilities (targets.ts: one-hot or soft, then smoothed). */
  targets: Float32Array
  count: number
  /** Per-face loss weights (the class weight of each face's label), or null when unweighted. */
  sampleWeights: Float32Array | null
  faceIds: Int32Array
}

export type BatchIteratorOptions = {
  faces: FaceArrays
  /** Face indices for the epoch, from `planEpoch`. */
  order: Int32Array
  batchSize: number
  augment: AugmentConfig | null
  /**
   * Side of the random square crop cut from each (augmented) face; null or absent = whole faces.
   * Crop positions come from a stream of their own, so they leave the augmentation unchanged.
   */
  crop?: number | null
  classWeights: readonly number[] | null
  seed: number
  epoch: number
  /** First batch to produce (resuming mid-epoch from a checkpoint); default 0. */
  startBatch?: number
  /** Label smoothing epsilon (0..0.5); default 0. */
  labelSmoothing?: number
  /** Mixup's alpha (mixup.ts); 0 or absent = off. */
  mixup?: number
}

// Stream ids keep the epoch plan's and the batches' random numbers independent at one seed.
const PLAN_STREAM = 0x91a7
const BATCH_STREAM = 0xba7c
const CROP_STREAM = 0xc209

/** Number of batches for `samples` samples (the last one may be short). */
export function batchesPerEpoch(samples: number, batchSize: number): number {
  return Math.ceil(samples / batchSize)
}

/**
 * The shuffled face indices of one train epoch. With oversampling, each class below the target is
 * topped up by repeating its faces as evenly as possible (every face k times, then a random subset
 * once more), and `createBatchIterator` augments every repeat. Deterministic for (seed, epoch):
 * a resumed run replays the same order.
 */
export function planEpoch(
  faces: FaceArrays,
  balance: BalanceConfig,
  seed: number,
  epoch: number,
): Int32Array {
  const rng = createRng(mixSeed(seed, epoch, PLAN_STREAM))
  const counts = classCounts(faces.labels)
  const target = oversampleTarget(counts, balance)
  const members: number[][] = counts.map(() => [])
  faces.labels.forEach((label, index) => members[label]?.push(index))
  const order: number[] = []
  for (const list of members) {
    for (const index of list) order.push(index)
    const missing = target === null || list.length === 0 ? 0 : target - list.length
    if (missing <= 0) continue
    const rounds = Math.floor(missing / list.length)
    for (let r = 0; r < rounds; r++) for (const index of list) order.push(index)
    const rest = rng.shuffle([...list]).slice(0, missing % list.length)
    for (const index of rest) order.push(index)
  }
  return rng.shuffle(Int32Array.from(order))
}

/**
 * Train batches for one epoch, in `order`, built on the fly. With `augment` set, every face is
 * augmented; with `augment` null (or all strengths 0) faces go in as they are, EXCEPT oversampled
 * repeats (every occurrence of a face after its first in `order`), which always get
 * `LIGHT_AUGMENT` so that no two copies of a face in an epoch are identical. Each batch draws its
 * randomness from (seed, epoch, batch index) alone, so starting at `startBatch` k yields exactly
 * the batches k.. of a full pass. Every batch has fresh arrays (an engine may transfer them).
 */
export function createBatchIterator(options: BatchIteratorOptions): Iterable<FaceBatch> {
  const { faces, order, batchSize, augment, classWeights, seed, epoch } = options
  const startBatch = options.startBatch ?? 0
  const total = batchesPerEpoch(order.length, batchSize)
  checkBatchSize(batchSize)
  if (!Number.isInteger(startBatch) || startBatch < 0 || startBatch > total) {
    throw new Error(`createBatchIterator: startBatch ${startBatch} outside 0..${total}`)
  }
  for (let i = 0; i < order.length; i++) {
    const index = order[i] as number
    if (index < 0 || index >= faces.count) {
      throw new Error(
        `createBatchIterator: order[${i}] = ${index} is not a face 0..${faces.count - 1}`,
      )
    }
  }
  if (classWeights !== null && classWeights.length !== NUM_EMOTIONS) {
    throw new Error(
      `createBatchIterator: ${classWeights.length} class weights, expected ${NUM_EMOTIONS}`,
    )
  }
  const isRepeat = markRepeats(order, faces.count)
  const soft = faces.soft ?? null
  const smoothing = options.labelSmoothing ?? 0
  const mixup = options.mixup ?? 0
  const everyFace = augment !== null && !isIdentityAugment(augment) ? augment : null
  const repeats = everyFace ?? LIGHT_AUGMENT
  const pixels = faces.size * faces.size
  const crop = options.crop ?? faces.size
  if (!Number.isInteger(crop) || crop < 1 || crop > faces.size) {
    throw new Error(`createBatchIterator: crop ${crop} does not fit ${faces.size}px faces`)
  }
  const cropPixels = crop * crop
  // Whole faces are built here first when they are then cropped.
  const scratch = crop < faces.size ? new Float32Array(pixels) : null

  function* batches(): Generator<FaceBatch> {
    for (let b = startBatch; b < total; b++) {
      const start = b * batchSize
      const count = Math.min(batchSize, order.length - start)
      const batch = allocateBatch(count, cropPixels, classWeights !== null)
      const rng = createRng(mixSeed(seed, epoch, b, BATCH_STREAM))
      const cropRng = createRng(mixSeed(seed, epoch, b, CROP_STREAM))
      for (let j = 0; j < count; j++) {
        const index = order[start + j] as number
        const src = faces.pixels.subarray(index * pixels, (index + 1) * pixels)
        const out = scratch ?? batch.x.subarray(j * pixels, (j + 1) * pixels)
        const config = everyFace ?? (isRepeat[start + j] === 1 ? repeats : null)
        if (config === null) copyScaled(src, out)
        else augmentFace(src, faces.size, config, rng, out)
        if (scratch !== null) {
          const origin = {
            top: cropRng.int(faces.size - crop + 1),
            left: cropRng.int(faces.size - crop + 1),
          }
          copyCrop(scratch, faces.size, crop, origin, false, batch.x, j * cropPixels)
        }
        fillLabels(batch, j, faces, index, classWeights)
        fillTarget(batch.targets, j, faces.labels[index]!, soft, index, smoothing)
      }
      if (mixup > 0) mixBatch(batch, mixup, rng)
      yield batch
    }
  }
  return { [Symbol.iterator]: batches }
}

/** Un-augmented batches of every face in index order, for validation, evaluation and prediction. */
export function evalBatches(faces: FaceArrays, batchSize: number): Iterable<FaceBatch> {
  checkBatchSize(batchSize)
  const pixels = faces.size * faces.size
  function* batches(): Generator<FaceBatch> {
    for (let start = 0; start < faces.count; start += batchSize) {
      const count = Math.min(batchSize, faces.count - start)
      const batch = allocateBatch(count, pixels, false)
      copyScaled(faces.pixels.subarray(start * pixels, (start + count) * pixels), batch.x)
      for (let j = 0; j < count; j++) {
        fillLabels(batch, j, faces, start + j, null)
        fillTarget(batch.targets, j, faces.labels[start + j]!, null, 0, 0)
      }
      yield batch
    }
  }
  return { [Symbol.iterator]: batches }
}

function checkBatchSize(batchSize: number): void {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new Error(`batch size must be a positive integer, got ${batchSize}`)
  }
}

/** 1 at every position of `order` whose face already occurred earlier in it. */
function markRepeats(order: Int32Array, faceCount: number): Uint8Array {
  const seen = new Uint8Array(faceCount)
  const isRepeat = new Uint8Array(order.length)
  for (let i = 0; i < order.length; i++) {
    const index = order[i] as number
    isRepeat[i] = seen[index] as number
    seen[index] = 1
  }
  return isRepeat
}

function allocateBatch(count: number, pixels: number, isWeighted: boolean): FaceBatch {
  return {
    x: new Float32Array(count * pixels),
    y: new Int32Array(count),
    targets: new Float32Array(count * NUM_EMOTIONS),
    count,
    sampleWeights: isWeighted ? new Float32Array(count) : null,
    faceIds: new Int32Array(count),
  }
}

function fillLabels(
  batch: FaceBatch,
  j: number,
  faces: FaceArrays,
  index: number,
  classWeights: readonly number[] | null,
): void {
  const label = faces.labels[index] as number
  batch.y[j] = label
  batch.faceIds[j] = faces.faceIds[index] as number
  if (batch.sampleWeights !== null && classWeights !== null) {
    batch.sampleWeights[j] = classWeights[label] ?? 0
  }
}

function copyScaled(src: Uint8Array, out: Float32Array): void {
  for (let i = 0; i < src.length; i++) out[i] = (src[i] as number) / 255
}
