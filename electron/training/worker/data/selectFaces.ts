import { NUM_EMOTIONS } from '../../../../shared/domain/emotion'

import type { FaceArrays } from './batches'

/**
 * The faces at `indices` (e.g. one side of `stratifiedHoldout`) as their own FaceArrays, copied,
 * in the order given.
 */
export function selectFaces(faces: FaceArrays, indices: Int32Array): FaceArrays {
  const pixels = faces.size * faces.size
  const selected: FaceArrays = {
    size: faces.size,
    count: indices.length,
    pixels: new Uint8Array(indices.length * pixels),
    labels: new Int32Array(indices.length),
    faceIds: new Int32Array(indices.length),
    soft: faces.soft ? new Float32Array(indices.length * NUM_EMOTIONS) : null,
  }
  indices.forEach((index, i) => {
    if (index < 0 || index >= faces.count) {
      throw new Error(`selectFaces: index ${index} is not a face 0..${faces.count - 1}`)
    }
    selected.pixels.set(faces.pixels.subarray(index * pixels, (index + 1) * pixels), i * pixels)
    selected.labels[i] = faces.labels[index] as number
    selected.faceIds[i] = faces.faceIds[index] as number
    if (faces.soft && selected.soft) {
      const row = faces.soft.subarray(index * NUM_EMOTIONS, (index + 1) * NUM_EMOTIONS)
      selected.soft.set(row, i * NUM_EMOTIONS)
    }
  })
  return selected
}
