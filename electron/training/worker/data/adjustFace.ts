import type { AugmentParams } from './augmentParams'
import { GAUSSIAN_TABLE_BITS, gaussianTable } from './gaussianTable'
import type { Rng } from './rng'

const LOW_MASK = (1 << GAUSSIAN_TABLE_BITS) - 1

/**
 * Applies the photometric part of `params` in place to `count` values in [0, 1]: contrast about
 * the face's own mean (so a dark face stays dark and only its spread changes), then brightness,
 * then Gaussian noise, then clamps to [0, 1].
 */
export function adjustFace(
  values: Float32Array,
  count: number,
  params: AugmentParams,
  rng: Rng,
): void {
  const { contrast, brightness, noiseStd } = params
  if (contrast === 1 && brightness === 0 && noiseStd === 0) return
  let mean = 0
  if (contrast !== 1) {
    for (let i = 0; i < count; i++) mean += values[i] as number
    mean /= count
  }
  // v' = v * contrast + offset, with the mean held fixed by the contrast change.
  const offset = mean * (1 - contrast) + brightness
  if (noiseStd === 0) {
    for (let i = 0; i < count; i++) values[i] = clamp01((values[i] as number) * contrast + offset)
    return
  }
  const table = gaussianTable()
  let i = 0
  // Two table indices per 32-bit draw.
  for (; i + 1 < count; i += 2) {
    const r = rng.nextUint32()
    values[i] = clamp01(
      (values[i] as number) * contrast + offset + noiseStd * (table[r & LOW_MASK] as number),
    )
    values[i + 1] = clamp01(
      (values[i + 1] as number) * contrast +
        offset +
        noiseStd * (table[r >>> GAUSSIAN_TABLE_BITS] as number),
    )
  }
  if (i < count) {
    const r = rng.nextUint32()
    values[i] = clamp01(
      (values[i] as number) * contrast + offset + noiseStd * (table[r & LOW_MASK] as number),
    )
  }
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v
}
