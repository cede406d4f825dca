import type { FaceBox } from '../../shared/domain/faceBox'
import type { TestTimeAugmentation } from '../../shared/domain/training'
import type { FacePrediction, FacePredictor } from '../training/main/predictFiles'
import { cropFace } from './cropFace'
import type { DecodedPhoto } from './decodePhoto'
import type { Detection, FaceDetector } from './faceDetector'

/** One face found in a photo, with what the model makes of it and the crop it saw. */
export type PhotoFace = FacePrediction &
  Readonly<{
    box: FaceBox
    /** The detector's confidence that this is a face, 0..1. */
    detectionScore: number
    /** The crop the model saw: size x size 8-bit grayscale, row-major. */
    crop: Uint8Array
  }>

export type PhotoPrediction = Readonly<{ width: number; height: number; faces: PhotoFace[] }>

/**
 * Finds every face in a photo, crops each the FER2013 way (`cropFace`) at the model's input size
 * and predicts all of them in one batch (with `tta`, each face's views in that batch too). Faces come most confidently detected first. `known`
 * detections (a camera frame right after one that was detected) skip the detector.
 */
export async function predictPhoto(
  deps: Readonly<{ detector: FaceDetector; predictor: FacePredictor }>,
  photo: DecodedPhoto,
  known: readonly Detection[] | null = null,
  tta: TestTimeAugmentation = 'none',
): Promise<PhotoPrediction> {
  const detections = known ?? (await deps.detector.detect(photo))
  const crops = await Promise.all(
    detections.map((d) => cropFace(photo, d.box, deps.predictor.size)),
  )
  const predictions = await deps.predictor.predict(crops, tta)
  return {
    width: photo.width,
    height: photo.height,
    faces: detections.map((d, k) => ({
      box: d.box,
      detectionScore: d.score,
      crop: crops[k] as Uint8Array,
      ...(predictions[k] as FacePrediction),
    })),
  }
}
