import type { Rng } from '../training/worker/data/rng'
import type { FacePlacement } from './faceCanvas'

export type HairStyle = 'none' | 'short' | 'long' | 'bangs'

/** Everything about a demo face that is not its expression: who, where, and in what light. */
export type DemoAppearance = {
  placement: FacePlacement
  /** Edge softness multiplier (focus blur). */
  blur: number
  background: number
  skin: number
  /** Half-height of the head; half-width is 1. */
  headHeight: number
  /** How much the jaw narrows towards the chin. */
  jawTaper: number
  hair: HairStyle
  hairTone: number
  /** Where the hair starts on the forehead (v, negative = up). */
  hairline: number
  browTone: number
  browThickness: number
  eyeSpacing: number
  eyeSize: number
  eyeY: number
  irisTone: number
  mouthY: number
  lipTone: number
  /** Features shift sideways as the head turns a little. */
  yaw: number
  gazeX: number
  hasGlasses: boolean
  clothes: number
  /** Lighting: a linear ramp of this many grey levels across the image, in direction `lightAngle`. */
  lightAmount: number
  lightAngle: number
  contrast: number
  noiseStd: number
}

const HAIR_STYLES: readonly HairStyle[] = ['none', 'short', 'short', 'long', 'long', 'bangs']

/** Draws a random person, pose and lighting for a size x size image. */
export function sampleAppearance(rng: Rng, size: number): DemoAppearance {
  const unit = size / 48
  const skin = rng.range(105, 215)
  const isDarkHair = rng.chance(0.75)
  const hairTone = isDarkHair ? rng.range(15, 75) : rng.range(150, 215)
  const clampedNormal = (std: number, bound: number): number =>
    Math.max(-bound, Math.min(bound, rng.normal(0, std)))
  return {
    placement: {
      x: size / 2 + rng.range(-2.5, 2.5) * unit,
      y: size / 2 + rng.range(-3.5, 0.5) * unit,
      scale: rng.range(16.5, 20.5) * unit,
      angle: (clampedNormal(6, 14) * Math.PI) / 180,
    },
    blur: rng.range(0.9, 1.7),
    background: rng.range(20, 235),
    skin,
    headHeight: rng.range(1.2, 1.38),
    jawTaper: rng.range(0.05, 0.3),
    hair: HAIR_STYLES[rng.int(HAIR_STYLES.length)] as HairStyle,
    hairTone,
    hairline: rng.range(-0.98, -0.84),
    browTone: Math.min(hairTone, skin) * rng.range(0.35, 0.75),
    browThickness: rng.range(0.055, 0.085),
    eyeSpacing: rng.range(0.36, 0.43),
    eyeSize: rng.range(0.88, 1.12),
    eyeY: rng.range(-0.07, 0.01),
    irisTone: rng.range(10, 70),
    mouthY: rng.range(0.62, 0.72),
    lipTone: skin * rng.range(0.6, 0.78),
    yaw: clampedNormal(0.04, 0.09),
    gazeX: rng.range(-0.03, 0.03),
    hasGlasses: rng.chance(0.1),
    clothes: rng.range(20, 230),
    lightAmount: rng.range(0, 50),
    lightAngle: rng.range(0, 2 * Math.PI),
    contrast: rng.range(0.65, 1.2),
    noiseStd: rng.range(1, 8),
  }
}
