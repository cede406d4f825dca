import type { AugmentParams } from './augmentParams'

/**
 * Writes `src` (size x size, row-major) into `out` as values in [0, 1] after the geometric part of
 * `params` (flip, rotation about the centre, zoom, shift) as ONE affine warp with bilinear
 * sampling, so the face is resampled once rather than blurred by a chain of warps. Pixels that map
 * outside the source repeat the nearest edge pixel (no black corners for the model to learn).
 * `scale` converts source values to [0, 1]: 1/255 for bytes, 1 for floats.
 */
export function warpFace(
  src: Uint8Array | Float32Array,
  size: number,
  params: AugmentParams,
  scale: number,
  out: Float32Array,
): void {
  const n = size
  const last = n - 1
  const isAffineIdentity =
    params.angle === 0 && params.scale === 1 && params.shiftX === 0 && params.shiftY === 0
  if (isAffineIdentity) {
    copyOrMirror(src, n, params.flip, scale, out)
    return
  }
  // Inverse map from an output pixel to its source position: p_src = c + R(-angle)(p - c - t)/s,
  // then mirrored when flipping. Written as sx = a*x + b*y + c0, sy = d*x + e*y + f0 so the inner
  // loop only adds.
  const centre = last / 2
  const cos = Math.cos(params.angle) / params.scale
  const sin = Math.sin(params.angle) / params.scale
  // Screen y points down, so a counter-clockwise rotation on screen is clockwise in (x, y).
  let a = cos
  let b = -sin
  const d = sin
  const e = cos
  const ox = centre + params.shiftX
  const oy = centre + params.shiftY
  let c0 = centre - a * ox - b * oy
  const f0 = centre - d * ox - e * oy
  if (params.flip) {
    a = -a
    b = -b
    c0 = last - c0
  }
  let i = 0
  for (let y = 0; y < n; y++) {
    let sx = b * y + c0
    let sy = e * y + f0
    for (let x = 0; x < n; x++, i++, sx += a, sy += d) {
      const cx = sx < 0 ? 0 : sx > last ? last : sx
      const cy = sy < 0 ? 0 : sy > last ? last : sy
      const x0 = cx | 0
      const y0 = cy | 0
      const fx = cx - x0
      const fy = cy - y0
      const x1 = x0 < last ? 1 : 0
      const y1 = y0 < last ? n : 0
      const p = y0 * n + x0
      const top = (src[p] as number) + fx * ((src[p + x1] as number) - (src[p] as number))
      const bottom =
        (src[p + y1] as number) + fx * ((src[p + y1 + x1] as number) - (src[p + y1] as number))
      out[i] = (top + fy * (bottom - top)) * scale
    }
  }
}

function copyOrMirror(
  src: Uint8Array | Float32Array,
  n: number,
  isFlipped: boolean,
  scale: number,
  out: Float32Array,
): void {
  for (let y = 0, row = 0; y < n; y++, row += n) {
    if (isFlipped) {
      for (let x = 0; x < n; x++) out[row + x] = (src[row + n - 1 - x] as number) * scale
    } else {
      for (let x = 0; x < n; x++) out[row + x] = (src[row + x] as number) * scale
    }
  }
}
