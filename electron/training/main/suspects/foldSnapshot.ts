import { SPLITS } from '../../../../shared/domain/split'
import type { DatasetSnapshot } from '../../common/snapshot'

export type JobFace = Readonly<{ fold: number; given: number }>

const TRAIN = SPLITS.indexOf('train')
const VALIDATION = SPLITS.indexOf('validation')

/**
 * The snapshot one fold's run trains and predicts on, cut from the dataset as it is now: only
 * the job's faces, each with the label it had when the job started; the other folds' faces as
 * train, the fold's own as validation (what the run validates on and, at its end, predicts:
 * the out-of-fold probabilities). Faces added since the job started are left out; a face the job
 * covers that is gone now is simply missing.
 */
export function foldSnapshot(
  dataset: DatasetSnapshot,
  jobFaces: ReadonlyMap<number, JobFace>,
  fold: number,
): DatasetSnapshot {
  const area = dataset.faceSize * dataset.faceSize
  const keep: number[] = []
  for (let i = 0; i < dataset.count; i++) {
    if (jobFaces.has(dataset.faceIds[i] as number)) keep.push(i)
  }
  const faceIds = new Int32Array(keep.length)
  const labels = new Uint8Array(keep.length)
  const splits = new Uint8Array(keep.length)
  const pixels = new Uint8Array(keep.length * area)
  keep.forEach((src, i) => {
    const id = dataset.faceIds[src] as number
    const face = jobFaces.get(id) as JobFace
    faceIds[i] = id
    labels[i] = face.given
    splits[i] = face.fold === fold ? VALIDATION : TRAIN
    pixels.set(dataset.pixels.subarray(src * area, (src + 1) * area), i * area)
  })
  return {
    datasetId: dataset.datasetId,
    faceSize: dataset.faceSize,
    count: keep.length,
    faceIds,
    labels,
    splits,
    pixels,
  }
}
