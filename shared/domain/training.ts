import { z } from 'zod'

import { ClassCounts } from './dataset'
import { DEFAULT_RECIPE } from './defaultRecipe'
import { NUM_EMOTIONS } from './emotion'
import { DatasetId, RunId } from './ids'
import { recipeLossFields } from './recipeLoss'
import { SplitSchema } from './face'

/**
 * Compute backends in order of preference. 'auto' takes the first that loads, except that where
 * both native CPU engines (onnxruntime, tensorflow) load it takes the faster as measured.
 */
export const BACKENDS = ['tensorflow-gpu', 'onnxruntime', 'tensorflow', 'wasm', 'cpu'] as const
export const BackendName = z.enum(BACKENDS)
export type BackendName = z.infer<typeof BackendName>

/**
 * Formats a trained model exports to: 'tfjs' is a TF.js LayersModel folder (model.json,
 * weights.bin, fer-studio.json); 'onnx' one model.onnx with its metadata inside.
 */
export const MODEL_FORMATS = ['tfjs', 'onnx'] as const
export const ModelFormat = z.enum(MODEL_FORMATS)
export type ModelFormat = z.infer<typeof ModelFormat>

/** Per-batch augmentation; each strength 0 turns that transform off. */
export const AugmentConfig = z.object({
  flip: z.boolean().default(true),
  /** Maximum rotation either way, in degrees. */
  rotationDeg: z.number().min(0).max(45).default(10),
  /** Maximum shift either way, as a fraction of the side. */
  shift: z.number().min(0).max(0.5).default(0.1),
  /** Maximum zoom in or out, as a fraction (0.1 = 90%..110%). */
  zoom: z.number().min(0).max(0.5).default(0.1),
  /** Maximum brightness change, as a fraction of the full range. */
  brightness: z.number().min(0).max(1).default(0.1),
  /** Maximum contrast change (0.2 = 80%..120%). */
  contrast: z.number().min(0).max(1).default(0.1),
  /** Standard deviation of added Gaussian noise, as a fraction of the full range. */
  noise: z.number().min(0).max(0.5).default(0.02),
})
export type AugmentConfig = z.infer<typeof AugmentConfig>

/** Every transform off: the base that single flags switch on (`--augment none --flip`). */
export const NO_AUGMENTATION: AugmentConfig = {
  flip: false,
  rotationDeg: 0,
  shift: 0,
  zoom: 0,
  brightness: 0,
  contrast: 0,
  noise: 0,
}

export const ClassWeighting = z.union([
  z.literal('none'),
  z.literal('balanced'),
  z.object({ custom: z.array(z.number().nonnegative()).length(NUM_EMOTIONS) }),
])
export type ClassWeighting = z.infer<typeof ClassWeighting>

/** How scarce classes are rebalanced: weights in the loss, oversampling with augmentation, or both. */
export const BalanceConfig = z.object({
  classWeights: ClassWeighting.default('none'),
  /**
   * Oversample each train class with augmented copies up to this many faces per epoch
   * ('max' = the largest class); null = no oversampling.
   */
  oversampleTo: z
    .union([z.literal('max'), z.number().int().positive()])
    .nullable()
    .default(null),
})
export type BalanceConfig = z.infer<typeof BalanceConfig>

export const LrSchedule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('constant') }),
  z.object({
    kind: z.literal('plateau'),
    factor: z.number().gt(0).lt(1).default(0.5),
    patience: z.number().int().nonnegative().default(2),
    minLr: z.number().nonnegative().default(1e-5),
  }),
  z.object({ kind: z.literal('cosine'), minLr: z.number().nonnegative().default(1e-5) }),
  z.object({
    kind: z.literal('step'),
    every: z.number().int().positive(),
    factor: z.number().gt(0).lt(1).default(0.5),
  }),
])
export type LrSchedule = z.infer<typeof LrSchedule>

/** Smallest and largest random-crop side the presets are checked at (faces are 48 px). */
export const CROP_RANGE = { min: 32, max: 47 } as const
export const CropSize = z.number().int().min(CROP_RANGE.min).max(CROP_RANGE.max)

export const TrainingConfig = z.object({
  /** A preset name from `training.models`. */
  model: z.string().default(DEFAULT_RECIPE.model),
  epochs: z.number().int().positive().max(1000).default(DEFAULT_RECIPE.epochs),
  batchSize: z.number().int().positive().max(1024).default(DEFAULT_RECIPE.batchSize),
  learningRate: z.number().positive().default(DEFAULT_RECIPE.learningRate),
  augment: AugmentConfig.nullable().default(AugmentConfig.parse({})),
  balance: BalanceConfig.default(BalanceConfig.parse({})),
  /**
   * Side in pixels of the random square crop each train face is cut to (after augmentation); the
   * model is built for that input, and evaluation, prediction and exports use the centre crop
   * (or ten crops with `ten-crop`). null = whole faces.
   */
  crop: CropSize.nullable().default(DEFAULT_RECIPE.crop),
  /** When the dataset has no validation faces, this fraction of train is held out (stratified). */
  holdoutFraction: z.number().gt(0).lt(1).default(0.1),
  earlyStopping: z
    .object({
      patience: z.number().int().positive().default(5),
      restoreBest: z.boolean().default(true),
    })
    .nullable()
    .default(DEFAULT_RECIPE.earlyStopping),
  lrSchedule: LrSchedule.default(DEFAULT_RECIPE.lrSchedule),
  seed: z.number().int().nonnegative().default(DEFAULT_RECIPE.seed),
  backend: z.union([z.literal('auto'), BackendName]).default('auto'),
  /** Use at most this many train faces (a quick look); null = all. */
  maxTrainFaces: z.number().int().positive().nullable().default(null),
  /**
   * Train for this much time (ms, paused time excluded, across resumes) instead of a number of
   * epochs (`epochs` stays an upper bound): the epoch during which the time runs out is cut short
   * so that its validation ends on time, and a cosine schedule follows elapsed / budget.
   * null = train every epoch.
   */
  timeBudgetMs: z.number().positive().nullable().default(null),
  ...recipeLossFields,
})
export type TrainingConfig = z.infer<typeof TrainingConfig>
export type TrainingConfigInput = z.input<typeof TrainingConfig>

export const RunStatus = z.enum([
  'queued',
  'running',
  'paused',
  'completed',
  'cancelled',
  'failed',
  'interrupted',
])
export type RunStatus = z.infer<typeof RunStatus>

export const ModelPreset = z.object({
  name: z.string(),
  description: z.string(),
  params: z.number().int(),
  trainableParams: z.number().int(),
  /** Forward multiply-adds x2 for one face. */
  flops: z.number(),
  inputSize: z.number().int(),
})
export type ModelPreset = z.infer<typeof ModelPreset>

export const EpochLogs = z.object({
  /** 1-based: epoch 1 is the first; after it, the run has 1 epoch done. */
  epoch: z.number().int(),
  loss: z.number(),
  accuracy: z.number(),
  valLoss: z.number().nullable(),
  valAccuracy: z.number().nullable(),
  valMacroF1: z.number().nullable(),
  learningRate: z.number(),
  elapsedMs: z.number(),
  etaMs: z.number().nullable(),
  facesPerSecond: z.number(),
})
export type EpochLogs = z.infer<typeof EpochLogs>

export const BatchLogs = z.object({
  /** 1-based, like EpochLogs.epoch. */
  epoch: z.number().int(),
  /** 1-based within the epoch: the last batch is `batchesPerEpoch`; loss/accuracy are epoch-so-far means. */
  batch: z.number().int(),
  batchesPerEpoch: z.number().int(),
  /** Global step since the run started, for plotting. */
  step: z.number().int(),
  loss: z.number(),
  accuracy: z.number(),
  elapsedMs: z.number(),
  etaMs: z.number().nullable(),
  facesPerSecond: z.number(),
})
export type BatchLogs = z.infer<typeof BatchLogs>

export const RunSummary = z.object({
  id: RunId,
  datasetId: DatasetId,
  name: z.string(),
  status: RunStatus,
  config: TrainingConfig,
  backend: z.string().nullable(),
  threads: z.number().int().nullable(),
  createdAt: z.number(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  epochsDone: z.number().int(),
  bestEpoch: z.number().int().nullable(),
  bestValAccuracy: z.number().nullable(),
  error: z.string().nullable(),
})
export type RunSummary = z.infer<typeof RunSummary>

/**
 * Test-time augmentation of an evaluation: 'flip' averages the probabilities of each face and its
 * mirror image (faces are left-right symmetric enough that this is a free ~1 point); 'ten-crop'
 * (runs trained with `crop` only) averages the four corner crops and the centre crop, each also
 * mirrored.
 */
export const TTA_MODES = ['none', 'flip', 'ten-crop'] as const
export const TestTimeAugmentation = z.enum(TTA_MODES)
export type TestTimeAugmentation = z.infer<typeof TestTimeAugmentation>

export const EvaluationResult = z.object({
  runId: RunId,
  split: SplitSchema,
  /** How predictions were made ('none' for results stored before this field existed). */
  tta: TestTimeAugmentation.default('none'),
  /** The epoch whose weights were evaluated (null = the run's final/best weights). */
  epoch: z.number().int().nullable(),
  confusion: z.array(ClassCounts).length(NUM_EMOTIONS),
  accuracy: z.number(),
  loss: z.number().nullable(),
  perClass: z.array(
    z.object({
      precision: z.number(),
      recall: z.number(),
      f1: z.number(),
      support: z.number().int(),
    }),
  ),
  macro: z.object({ precision: z.number(), recall: z.number(), f1: z.number() }),
  weighted: z.object({ precision: z.number(), recall: z.number(), f1: z.number() }),
})
export type EvaluationResult = z.infer<typeof EvaluationResult>
