import type { AugmentConfig } from '../../../../shared/domain/training'
import { augmentFace } from './augment'
import { createRng, mixSeed } from './rng'

const PREVIEW_STREAM = 0x9e71

/**
 * `count` augmented copies for the Balance screen's preview, taking the source faces in turn
 * (copy i augments `source[i % source.length]`), as bytes ready to encode as PNG. The same seed
 * gives the same copies, so the preview only changes when the settings (or the seed) do.
 */
export function augmentPreview(
  source: readonly Uint8Array[],
  size: number,
  config: AugmentConfig,
  count: number,
  seed: number,
): Uint8Array[] {
  if (source.length === 0 || count <= 0) return []
  const rng = createRng(mixSeed(seed, PREVIEW_STREAM))
  const scratch = new Float32Array(size * size)
  return Array.from({ length: count }, (_, i) => {
    const face = source[i % source.length] as Uint8Array
    augmentFace(face, size, config, rng, scratch)
    const bytes = new Uint8Array(size * size)
    for (let p = 0; p < bytes.length; p++) bytes[p] = Math.round((scratch[p] as number) * 255)
    return bytes
  })
}
