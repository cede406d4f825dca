import type { Split } from '../../../shared/domain/split'
import type { TrainingConfig } from '../../../shared/domain/training'

import { needsFerPlusVotes } from '../../../shared/domain/recipeLoss'

import { balancePlan, classCounts } from './data/balance'
import {
  batchesPerEpoch,
  createBatchIterator,
  type FaceArrays,
  type FaceBatch,
  planEpoch,
} from './data/batches'
import { ferPlusSoftTargets, type TargetNotes, withoutNotAFace } from './data/ferPlusTargets'
import { stratifiedHoldout } from './data/holdout'
import { createRng, mixSeed } from './data/rng'
import { selectFaces } from './data/selectFaces'
import type { LabelledArrays } from '../common/evaluation'
import { centreCropFaces } from '../common/faceViews'
import { type DatasetSnapshot, indicesOfSplit } from '../common/snapshot'

/** Stream id for choosing the `maxTrainFaces` subset. */
const SUBSET_STREAM = 0x5b5e

/** Labelled faces for validation or evaluation, with their ids, labels and side in pixels. */
export type EvalSet = LabelledArrays &
  Readonly<{ faceIds: Int32Array; labels: Uint8Array; size: number }>

/** What the loop trains on: one run's train faces, the batch plan and the validation set. */
export type TrainingData = Readonly<{
  train: FaceArrays
  /** Samples per epoch after oversampling. */
  samplesPerEpoch: number
  batchesPerEpoch: number
  /** Loss weight per class, or null when unweighted. */
  classWeights: number[] | null
  /** Batches of epoch `epoch` (1-based), deterministic for (seed, epoch, batch). */
  batches(epoch: number, startBatch?: number): Iterable<FaceBatch>
  validation: EvalSet | null
  /** Where validation faces come from: the stored split, or a stratified holdout from train. */
  validationSource: 'stored' | 'holdout' | 'none'
  /** What the train targets were made of (FER+ votes, faces left out), for the run's log. */
  targetNotes: TargetNotes
}>

/** The whole snapshot as FaceArrays (labels widened to Int32 as the data pipeline wants). */
function snapshotArrays(snapshot: DatasetSnapshot): FaceArrays {
  return {
    size: snapshot.faceSize,
    count: snapshot.count,
    pixels: snapshot.pixels,
    labels: Int32Array.from(snapshot.labels),
    faceIds: snapshot.faceIds,
  }
}

/**
 * Which snapshot faces play train and validation in a run: the splits as stored, or, when the
 * snapshot has no validation faces, a stratified `holdoutFraction` of train (seeded, so the
 * worker that trains and the one that evaluates later pick the same faces).
 */
export function runSplits(
  snapshot: DatasetSnapshot,
  config: Pick<TrainingConfig, 'holdoutFraction' | 'seed'>,
): { train: Int32Array; validation: Int32Array; validationSource: 'stored' | 'holdout' | 'none' } {
  const train = indicesOfSplit(snapshot, 'train')
  const validation = indicesOfSplit(snapshot, 'validation')
  if (validation.length > 0) return { train, validation, validationSource: 'stored' }
  const labels = Int32Array.from(train, (i) => snapshot.labels[i] as number)
  const held = stratifiedHoldout(labels, config.holdoutFraction, config.seed)
  if (held.validation.length === 0) return { train, validation, validationSource: 'none' }
  return {
    train: held.train.map((k) => train[k] as number),
    validation: held.validation.map((k) => train[k] as number),
    validationSource: 'holdout',
  }
}

/**
 * The faces to evaluate for `split`: as stored, except 'validation' on a snapshot without
 * validation faces, which means the run's holdout (what its validation metrics were computed on).
 */
export function evaluationIndices(
  snapshot: DatasetSnapshot,
  split: Split,
  config: Pick<TrainingConfig, 'holdoutFraction' | 'seed'>,
): Int32Array {
  if (split === 'validation') return runSplits(snapshot, config).validation
  return indicesOfSplit(snapshot, split)
}

/**
 * Faces at `indices` scaled to floats in [0, 1], ready for engine.evaluate / predict; with `crop`,
 * cut to their centre crops (what a model trained on random crops sees at test time).
 */
export function evalSetOf(
  snapshot: DatasetSnapshot,
  indices: Int32Array,
  crop: number | null = null,
): EvalSet {
  const area = snapshot.faceSize * snapshot.faceSize
  const x = new Float32Array(indices.length * area)
  const y = new Int32Array(indices.length)
  const faceIds = new Int32Array(indices.length)
  const labels = new Uint8Array(indices.length)
  indices.forEach((index, i) => {
    const src = snapshot.pixels.subarray(index * area, (index + 1) * area)
    for (let p = 0; p < area; p++) x[i * area + p] = (src[p] as number) / 255
    y[i] = snapshot.labels[index] as number
    labels[i] = snapshot.labels[index] as number
    faceIds[i] = snapshot.faceIds[index] as number
  })
  const size = snapshot.faceSize
  if (crop === null || crop === size) return { x, y, count: indices.length, faceIds, labels, size }
  if (crop > size) throw new Error(`A ${crop}px crop does not fit the dataset's ${size}px faces`)
  const cropped = centreCropFaces(x, indices.length, size, crop)
  return { x: cropped, y, count: indices.length, faceIds, labels, size: crop }
}

/**
 * Builds one run's data from its snapshot and config: train/validation as `runSplits` says, at
 * most `maxTrainFaces` train faces (a seeded random subset), class weights and oversampling from
 * `config.balance`, per-batch augmentation from `config.augment`.
 */
export function createTrainingData(
  snapshot: DatasetSnapshot,
  config: TrainingConfig,
): TrainingData {
  const splits = runSplits(snapshot, config)
  let trainIndices = splits.train
  const votes = needsFerPlusVotes(config) ? requireVotes(snapshot) : null
  let droppedNotAFace = 0
  if (votes && config.dropNotAFace) {
    const kept = withoutNotAFace(votes, trainIndices)
    droppedNotAFace = trainIndices.length - kept.length
    trainIndices = kept
  }
  if (config.maxTrainFaces !== null && trainIndices.length > config.maxTrainFaces) {
    const rng = createRng(mixSeed(config.seed, SUBSET_STREAM))
    trainIndices = rng.shuffle(Int32Array.from(trainIndices)).slice(0, config.maxTrainFaces).sort()
  }
  if (trainIndices.length === 0) {
    throw new Error('The dataset has no train faces to train on')
  }
  let soft: Float32Array | null = null
  let targetNotes: TargetNotes = { ferPlus: 0, fallback: 0, droppedNotAFace }
  if (votes && config.targets === 'ferplus') {
    const targets = ferPlusSoftTargets(votes, snapshot.labels, trainIndices)
    soft = targets.soft
    const ferPlus = trainIndices.length - targets.fallback
    targetNotes = { ferPlus, fallback: targets.fallback, droppedNotAFace }
  }
  const train = { ...selectFaces(snapshotArrays(snapshot), trainIndices), soft }
  const plan = balancePlan(classCounts(train.labels), config.balance)
  const samplesPerEpoch = plan.after.reduce((a, b) => a + b, 0)
  const classWeights = config.balance.classWeights === 'none' ? null : plan.classWeights
  return {
    train,
    samplesPerEpoch,
    batchesPerEpoch: batchesPerEpoch(samplesPerEpoch, config.batchSize),
    classWeights,
    batches(epoch, startBatch = 0) {
      return createBatchIterator({
        faces: train,
        order: planEpoch(train, config.balance, config.seed, epoch),
        batchSize: config.batchSize,
        crop: config.crop,
        augment: config.augment,
        classWeights,
        seed: config.seed,
        epoch,
        startBatch,
        labelSmoothing: config.labelSmoothing,
        mixup: config.mixup,
      })
    },
    validation:
      splits.validation.length > 0 ? evalSetOf(snapshot, splits.validation, config.crop) : null,
    validationSource: splits.validationSource,
    targetNotes,
  }
}

/** The snapshot's FER+ votes, or a clear error when a run needs them and it has none. */
function requireVotes(snapshot: DatasetSnapshot): Uint8Array {
  if (!snapshot.votes) {
    throw new Error(
      'This run uses FER+ votes (--targets ferplus or --drop-not-a-face) but its dataset snapshot has none (attach them first: fer-studio attach-ferplus)',
    )
  }
  return snapshot.votes
}
