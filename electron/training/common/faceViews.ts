import type { TestTimeAugmentation } from '../../../shared/domain/training'

/**
 * Cuts faces into the views a model of a smaller input side sees: the centre crop, or the ten
 * crops of ten-crop test-time augmentation. Faces are `size x size` floats, row-major, one after
 * another; a view is `crop x crop`.
 */

/** Top-left corner of a crop of side `crop` in a face of side `size`. */
export type CropOrigin = Readonly<{ top: number; left: number }>

/** The centre crop's corner: the extra pixels split evenly, the odd one to the bottom/right. */
export function centreOrigin(size: number, crop: number): CropOrigin {
  const margin = Math.floor((size - crop) / 2)
  return { top: margin, left: margin }
}

/** The four corner crops, then the centre crop (the order views are produced in). */
export function fiveCropOrigins(size: number, crop: number): CropOrigin[] {
  const far = size - crop
  return [
    { top: 0, left: 0 },
    { top: 0, left: far },
    { top: far, left: 0 },
    { top: far, left: far },
    centreOrigin(size, crop),
  ]
}

/** Views per face for a test-time augmentation. */
export function viewsPerFace(tta: TestTimeAugmentation): number {
  return tta === 'ten-crop' ? 10 : tta === 'flip' ? 2 : 1
}

/** Copies the `crop x crop` window at `origin` of a face into `out`, mirrored when asked. */
export function copyCrop(
  face: ArrayLike<number>,
  size: number,
  crop: number,
  origin: CropOrigin,
  mirror: boolean,
  out: Float32Array,
  outOffset = 0,
  scale = 1,
): void {
  if (crop > size || origin.top + crop > size || origin.left + crop > size) {
    throw new Error(`A ${crop}px crop at (${origin.top}, ${origin.left}) leaves a ${size}px face`)
  }
  for (let r = 0; r < crop; r++) {
    const src = (origin.top + r) * size + origin.left
    const dst = outOffset + r * crop
    for (let c = 0; c < crop; c++) {
      out[dst + (mirror ? crop - 1 - c : c)] = (face[src + c] as number) * scale
    }
  }
}

/** Every face of `x` cut to its centre crop (a copy of `x` when `crop` equals `size`). */
export function centreCropFaces(
  x: Float32Array,
  count: number,
  size: number,
  crop: number,
): Float32Array {
  if (crop === size) return x.slice(0, count * size * size)
  const out = new Float32Array(count * crop * crop)
  const origin = centreOrigin(size, crop)
  for (let i = 0; i < count; i++) {
    const face = x.subarray(i * size * size, (i + 1) * size * size)
    copyCrop(face, size, crop, origin, false, out, i * crop * crop)
  }
  return out
}

/**
 * The views of faces `start..start+count` of `x` for a test-time augmentation, face after face
 * (face i's views are contiguous, so a batch never splits one face's views between model calls):
 * 'none' the centre crop; 'flip' the centre crop and its mirror; 'ten-crop' the four corners and
 * the centre, each then mirrored. `crop` equal to `size` means the whole face.
 */
export function ttaViews(
  x: Float32Array,
  range: Readonly<{ start: number; count: number }>,
  size: number,
  crop: number,
  tta: TestTimeAugmentation,
): Float32Array {
  if (tta === 'ten-crop' && crop === size) {
    throw new Error('ten-crop needs a model trained on crops smaller than the faces')
  }
  const origins = tta === 'ten-crop' ? fiveCropOrigins(size, crop) : [centreOrigin(size, crop)]
  const mirrors = tta === 'none' ? [false] : [false, true]
  const area = crop * crop
  const perFace = origins.length * mirrors.length
  const out = new Float32Array(range.count * perFace * area)
  for (let i = 0; i < range.count; i++) {
    const at = (range.start + i) * size * size
    const face = x.subarray(at, at + size * size)
    let view = i * perFace
    for (const mirror of mirrors) {
      for (const origin of origins) copyCrop(face, size, crop, origin, mirror, out, view++ * area)
    }
  }
  return out
}

/** Averages each face's `perFace` consecutive rows of `classes` probabilities into one row. */
export function averageViews(
  probabilities: Float32Array,
  count: number,
  perFace: number,
  classes: number,
): Float32Array {
  if (perFace === 1) return probabilities.slice(0, count * classes)
  const out = new Float32Array(count * classes)
  for (let i = 0; i < count; i++) {
    for (let v = 0; v < perFace; v++) {
      const row = (i * perFace + v) * classes
      for (let k = 0; k < classes; k++) {
        out[i * classes + k] = (out[i * classes + k] as number) + (probabilities[row + k] as number)
      }
    }
    for (let k = 0; k < classes; k++)
      out[i * classes + k] = (out[i * classes + k] as number) / perFace
  }
  return out
}
