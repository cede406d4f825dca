import type { AugmentConfig } from '../../../../shared/domain/training'
import type { Rng } from './rng'

/** One face's drawn augmentation: what `warpFace` and `adjustFace` apply. */
export type AugmentParams = {
  /** Mirror left-right. */
  flip: boolean
  /** Rotation in radians, counter-clockwise as seen on screen. */
  angle: number
  /** Shift in pixels (positive = content moves right / down). */
  shiftX: number
  shiftY: number
  /** Zoom factor: above 1 the content grows (zoom in). */
  scale: number
  /** Added to every value, in units of the full range. */
  brightness: number
  /** Multiplies the distance of every value from the face's mean. */
  contrast: number
  /** Standard deviation of the per-pixel Gaussian noise, in units of the full range. */
  noiseStd: number
}

/** The identity: applying it returns the face unchanged. */
export const IDENTITY_PARAMS: Readonly<AugmentParams> = {
  flip: false,
  angle: 0,
  shiftX: 0,
  shiftY: 0,
  scale: 1,
  brightness: 0,
  contrast: 1,
  noiseStd: 0,
}

/**
 * The light augmentation given to oversampled repeats when the run has augmentation off (or all
 * strengths at 0): a repeat must never be a pixel-identical copy, which would only teach the model
 * those exact faces.
 */
export const LIGHT_AUGMENT: Readonly<AugmentConfig> = {
  flip: true,
  rotationDeg: 8,
  shift: 0.06,
  zoom: 0.06,
  brightness: 0.06,
  contrast: 0.08,
  noise: 0.01,
}

/** True when every transform of `config` is off, i.e. augmenting with it changes nothing. */
export function isIdentityAugment(config: AugmentConfig): boolean {
  return (
    !config.flip &&
    config.rotationDeg === 0 &&
    config.shift === 0 &&
    config.zoom === 0 &&
    config.brightness === 0 &&
    config.contrast === 0 &&
    config.noise === 0
  )
}

/**
 * Draws one face's transforms, each uniform within its configured bound (flip with p = 0.5).
 * Only enabled transforms consume random numbers, so a strength of 0 is exactly the identity.
 */
export function drawAugmentParams(config: AugmentConfig, size: number, rng: Rng): AugmentParams {
  const symmetric = (bound: number): number => (bound > 0 ? rng.range(-bound, bound) : 0)
  return {
    flip: config.flip ? rng.next() < 0.5 : false,
    angle: (symmetric(config.rotationDeg) * Math.PI) / 180,
    shiftX: symmetric(config.shift) * size,
    shiftY: symmetric(config.shift) * size,
    scale: 1 + symmetric(config.zoom),
    brightness: symmetric(config.brightness),
    contrast: 1 + symmetric(config.contrast),
    noiseStd: config.noise,
  }
}
