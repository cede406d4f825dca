import type { FaceBox } from '../../shared/domain/faceBox'
import type { Emotion } from '../../shared/domain/emotion'
import type { FacePredictor } from '../training/main/predictFiles'
import { describeDecodeError } from '../imaging/decodeFace'
import { decodePhoto } from './decodePhoto'
import type { FaceDetector } from './faceDetector'
import { predictPhoto } from './predictPhoto'

/** `predict --detect`: one record per face found, or one per file that has none or is unreadable. */
export type DetectRecord = Readonly<
  | {
      file: string
      /** 0-based index of the face in its photo, most confidently detected first. */
      face: number
      box: FaceBox
      detectionScore: number
      label: Emotion
      confidence: number
      probabilities: number[]
    }
  | { file: string; face: null; error: string }
>

/** Runs detection and prediction on each photo; a bad file is reported, the others go on. */
export async function detectFiles(
  deps: Readonly<{ detector: FaceDetector; predictor: FacePredictor }>,
  files: readonly string[],
): Promise<DetectRecord[]> {
  const records: DetectRecord[] = []
  for (const file of files) {
    let photo
    try {
      photo = await decodePhoto(file)
    } catch (err) {
      records.push({ file, face: null, error: describeDecodeError(err) })
      continue
    }
    const { faces } = await predictPhoto(deps, photo)
    if (faces.length === 0) records.push({ file, face: null, error: 'no face found' })
    faces.forEach((f, face) =>
      records.push({
        file,
        face,
        box: roundBox(f.box),
        detectionScore: round(f.detectionScore),
        label: f.label,
        confidence: f.confidence,
        probabilities: f.probabilities,
      }),
    )
  }
  return records
}

function round(v: number, digits = 3): number {
  const k = 10 ** digits
  return Math.round(v * k) / k
}

function roundBox(box: FaceBox): FaceBox {
  return {
    x: round(box.x, 1),
    y: round(box.y, 1),
    width: round(box.width, 1),
    height: round(box.height, 1),
  }
}
