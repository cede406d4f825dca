import type { FaceBox } from '../../shared/domain/faceBox'
import type { Emotion } from '../../shared/domain/emotion'
import type { TestTimeAugmentation } from '../../shared/domain/training'
import type { StudioError } from '../../shared/transport/envelope'

/**
 * Messages between main and the vision worker, the thread that detects faces and predicts their
 * expressions for the Predict screen and the webcam (so neither Electron main nor the bridge
 * blocks on tfjs). Closed unions, `seq` on every message, replies name the request they answer;
 * only structured-clone data crosses.
 */
export type ToVision =
  | Readonly<{
      type: 'predictPhoto'
      seq: number
      /** A run's saved model folder (model.json + weights.bin). */
      modelDir: string
      /** The bytes of an image file. */
      image: Uint8Array
      /** Faces to predict where they are, without detecting; null = detect. */
      known: ReadonlyArray<Readonly<{ box: FaceBox; score: number }>> | null
      /** Test-time augmentation of each face. */
      tta: TestTimeAugmentation
    }>
  | Readonly<{ type: 'shutdown'; seq: number }>

export type VisionFace = Readonly<{
  box: FaceBox
  detectionScore: number
  label: Emotion
  confidence: number
  probabilities: number[]
  /** cropSize x cropSize 8-bit gray: what the model saw. */
  crop: Uint8Array
}>

export type VisionResult = Readonly<{
  width: number
  height: number
  cropSize: number
  faces: VisionFace[]
  elapsedMs: number
}>

export type FromVision =
  | Readonly<{ type: 'ready'; seq: number }>
  | Readonly<{ type: 'predicted'; seq: number; requestSeq: number; result: VisionResult }>
  | Readonly<{ type: 'failed'; seq: number; requestSeq: number; error: StudioError }>
  | Readonly<{ type: 'log'; seq: number; message: string }>
