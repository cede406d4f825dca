import { z } from 'zod'

import { EmotionSchema, SplitSchema } from '../domain/face'
import { FaceBox } from '../domain/faceBox'
import { DatasetId, FaceId, RunId } from '../domain/ids'
import { TestTimeAugmentation } from '../domain/training'
import type { EventGroup, MethodGroup } from './define'

/** Base64 of the bytes of an image file, at most ~6 MB of file (the renderer shrinks larger photos). */
export const ImageBase64 = z
  .string()
  .min(1)
  .max(8_000_000)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64')

/** A face found in a photo and what a run's model makes of it. */
export const DetectedFace = z.object({
  box: FaceBox,
  /** The detector's confidence that this is a face, 0..1. */
  detectionScore: z.number(),
  label: EmotionSchema,
  confidence: z.number(),
  /** Seven probabilities in FER2013 order. */
  probabilities: z.array(z.number()).length(7),
  /** The crop the model saw (FER2013 framing, size x size 8-bit gray), base64. */
  crop: z.string(),
})
export type DetectedFace = z.infer<typeof DetectedFace>

export const PhotoPrediction = z.object({
  /** The photo's size after EXIF orientation; boxes are in these pixels. */
  width: z.number().int(),
  height: z.number().int(),
  /** Side of each face crop in pixels (the model's input size). */
  cropSize: z.number().int(),
  /** Most confidently detected first. */
  faces: z.array(DetectedFace),
  /** Time the worker took: decode, detection, cropping and prediction. */
  elapsedMs: z.number(),
})
export type PhotoPrediction = z.infer<typeof PhotoPrediction>

/** Where `predict.addFace` puts a face: an existing dataset or a new one by name. */
export const AddFaceTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('existing'), datasetId: DatasetId }),
  z.object({ kind: z.literal('new'), name: z.string().trim().min(1).max(200) }),
])
export type AddFaceTarget = z.infer<typeof AddFaceTarget>

export const predictMethods = {
  /**
   * Finds every face in a photo or a camera frame (any format sharp reads), crops each the
   * FER2013 way and predicts its expression with the run's best model. Runs in the vision
   * worker, one request at a time; NOT_FOUND for an unknown run, CONFLICT for a run without a
   * model, INVALID_INPUT for bytes that are not an image.
   */
  'predict.photo': {
    input: z.object({
      runId: RunId,
      image: ImageBase64,
      /**
       * Where the faces are, when the caller knows (a camera frame right after a detected one):
       * these boxes are cropped and predicted and the detector is skipped.
       */
      faces: z
        .array(z.object({ box: FaceBox, detectionScore: z.number() }))
        .max(50)
        .optional(),
      /**
       * Test-time augmentation of each face: 'flip' averages it with its mirror image;
       * 'ten-crop' (runs trained on random crops only, else INVALID_INPUT) its ten crops; 'none'
       * predicts it once (what live camera frames ask for); omitted, the run's recommended mode
       * (`recommendedTta`: ten-crop for crop runs, flip otherwise).
       */
      tta: TestTimeAugmentation.optional(),
    }),
    output: PhotoPrediction,
  },
  /**
   * Stores a face crop returned by `predict.photo` in a dataset with a label, so users can
   * collect their own data. The crop must have the dataset's face size; a new dataset gets the
   * crop's size. Emits `datasets.changed`.
   */
  'predict.addFace': {
    input: z.object({
      target: AddFaceTarget,
      crop: z.string().min(1).max(100_000),
      cropSize: z.number().int().positive().max(256),
      label: EmotionSchema,
      split: SplitSchema.default('train'),
      /** Where the face came from, stored as its source file, e.g. `camera` or `party.jpg#2`. */
      source: z.string().min(1).max(500),
    }),
    output: z.object({ datasetId: DatasetId, faceId: FaceId }),
  },
} as const satisfies MethodGroup

export const predictEvents = {} as const satisfies EventGroup
