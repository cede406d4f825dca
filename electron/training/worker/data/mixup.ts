import { NUM_EMOTIONS } from '../../../../shared/domain/emotion'

import type { FaceBatch } from './batches'
import type { Rng } from './rng'

/** A Gamma(shape, 1) draw (Marsaglia & Tsang 2000; shape < 1 through Gamma(shape + 1) U^(1/shape)). */
function gamma(shape: number, rng: Rng): number {
  if (shape < 1) return gamma(shape + 1, rng) * Math.pow(Math.max(rng.next(), 1e-12), 1 / shape)
  const d = shape - 1 / 3
  const c = 1 / Math.sqrt(9 * d)
  for (;;) {
    const z = rng.normal()
    const v = (1 + c * z) ** 3
    if (v <= 0) continue
    const u = rng.next()
    if (Math.log(Math.max(u, 1e-300)) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v
  }
}

/** A Beta(alpha, alpha) draw. */
export function betaSymmetric(alpha: number, rng: Rng): number {
  const a = gamma(alpha, rng)
  const b = gamma(alpha, rng)
  return a + b > 0 ? a / (a + b) : 0.5
}

/**
 * Mixup (Zhang et al. 2018) on a built batch, in place: one lambda ~ Beta(alpha, alpha) per
 * batch, kept at or above 0.5 so each face stays the larger part of its mix (and 'correct' keeps
 * meaning its own target); every face i becomes lambda face_i + (1 - lambda) face_p(i) for a
 * random pairing p, and so do its target distribution and its loss weight. Returns lambda.
 */
export function mixBatch(batch: FaceBatch, alpha: number, rng: Rng): number {
  const { count } = batch
  if (!(alpha > 0) || count < 2) return 1
  const drawn = betaSymmetric(alpha, rng)
  const lambda = Math.max(drawn, 1 - drawn)
  const partner = rng.shuffle(Int32Array.from({ length: count }, (_, i) => i))
  const pixels = batch.x.length / count
  const mix = (values: Float32Array, width: number) => {
    const original = values.slice(0, count * width)
    for (let i = 0; i < count; i++) {
      const j = partner[i]!
      for (let k = 0; k < width; k++) {
        values[i * width + k] =
          lambda * original[i * width + k]! + (1 - lambda) * original[j * width + k]!
      }
    }
  }
  mix(batch.x, pixels)
  mix(batch.targets, NUM_EMOTIONS)
  if (batch.sampleWeights) mix(batch.sampleWeights, 1)
  return lambda
}
