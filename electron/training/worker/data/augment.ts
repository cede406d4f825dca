import type { AugmentConfig } from '../../../../shared/domain/training'
import { adjustFace } from './adjustFace'
import { drawAugmentParams } from './augmentParams'
import type { Rng } from './rng'
import { warpFace } from './warpFace'

/**
 * One augmented copy of a face: `src` is size x size row-major, bytes (0..255) or floats in [0, 1];
 * the result is floats in [0, 1]. Horizontal flip (p = 0.5 when on), rotation, shift and zoom are
 * one affine warp with bilinear sampling and edge-replicated borders; then contrast, brightness
 * and Gaussian noise. Each transform's strength comes from `config`, 0 (or flip false) turning it
 * off, so an all-zero config returns the face unchanged. The randomness is drawn from `rng`, so
 * the same generator state gives the same copy. Pass `out` (size * size floats) to avoid an
 * allocation; it must not be `src`.
 */
export function augmentFace(
  src: Float32Array | Uint8Array,
  size: number,
  config: AugmentConfig,
  rng: Rng,
  out?: Float32Array,
): Float32Array {
  const pixels = size * size
  if (src.length < pixels) {
    throw new Error(`augmentFace: a ${size}x${size} face needs ${pixels} values, got ${src.length}`)
  }
  const target = out ?? new Float32Array(pixels)
  if (target === src) throw new Error('augmentFace: out must not be the source array')
  const params = drawAugmentParams(config, size, rng)
  warpFace(src, size, params, src instanceof Uint8Array ? 1 / 255 : 1, target)
  adjustFace(target, pixels, params, rng)
  return target
}
