import type { Emotion } from '../../shared/domain/emotion'
import type { Rng } from '../training/worker/data/rng'

/**
 * The facial movements a demo face can make, in face units (1 = half the face's width). Each
 * emotion is a target set of movements, roughly after the action units of Ekman's FACS (brow
 * lowerer for anger, inner brow raiser for sadness, lip corner puller for happiness, ...).
 */
export type Expression = {
  /** Whole brow up (+) or down (-). */
  browRaise: number
  /** Inner end up (+, sad/fear) or down (-, angry) relative to the outer end. */
  browTilt: number
  /** Brow arch height. */
  browArch: number
  /** Where the brow's inner end starts (smaller = brows drawn together). */
  browInner: number
  /** Upper-lid opening, 1 = relaxed. */
  eyeOpen: number
  /** Lower-lid opening, 1 = relaxed; below 1 the cheeks push the lower lid up. */
  eyeLower: number
  /** Upper lid lower at the inner corner (+, glare) or the outer corner (-, droop). */
  lidSlant: number
  /** Mouth half-width. */
  mouthWidth: number
  /** Corners up (+, smile) or down (-, frown). */
  mouthCurve: number
  /** Opening above and below the lip line. */
  mouthTop: number
  mouthBottom: number
  /** One corner higher than the other (sneer). */
  mouthSkew: number
  /** Upper lip raised more on one side (-1..1 tilt of the top opening). */
  lipTilt: number
  /** 0..1: how much of the opening shows teeth. */
  teeth: number
  /** 0..1 creases: nose wrinkle (disgust), smile folds, forehead lines, frown lines. */
  noseWrinkle: number
  cheekFold: number
  foreheadLines: number
  frownLines: number
}

export const NEUTRAL: Readonly<Expression> = {
  browRaise: 0,
  browTilt: 0,
  browArch: 0.05,
  browInner: 0.14,
  eyeOpen: 1,
  eyeLower: 1,
  lidSlant: 0,
  mouthWidth: 0.28,
  mouthCurve: 0,
  mouthTop: 0,
  mouthBottom: 0,
  mouthSkew: 0,
  lipTilt: 0,
  teeth: 0,
  noseWrinkle: 0,
  cheekFold: 0,
  foreheadLines: 0,
  frownLines: 0,
}

type Variant = Partial<Expression>

/** Each emotion's full-intensity movements; several variants where people differ (open/closed). */
const TARGETS: Readonly<Record<Emotion, readonly Variant[]>> = {
  angry: [
    // Glare with lips pressed tight.
    {
      browRaise: -0.1,
      browTilt: -0.17,
      browArch: 0,
      browInner: 0.08,
      eyeOpen: 0.72,
      eyeLower: 0.85,
      lidSlant: 0.45,
      mouthWidth: 0.22,
      mouthCurve: -0.05,
      frownLines: 1,
      noseWrinkle: 0.2,
    },
    // Snarl: bared, clenched teeth.
    {
      browRaise: -0.1,
      browTilt: -0.17,
      browArch: 0,
      browInner: 0.08,
      eyeOpen: 0.75,
      eyeLower: 0.85,
      lidSlant: 0.4,
      mouthWidth: 0.29,
      mouthCurve: -0.06,
      mouthTop: 0.045,
      mouthBottom: 0.05,
      teeth: 1,
      frownLines: 1,
      noseWrinkle: 0.3,
    },
  ],
  disgust: [
    // Nose wrinkled, eyes squeezed, upper lip pulled up on one side (a sneer), corners down.
    {
      browRaise: -0.1,
      browTilt: -0.08,
      browInner: 0.1,
      eyeOpen: 0.6,
      eyeLower: 0.5,
      lidSlant: 0.15,
      mouthWidth: 0.27,
      mouthCurve: -0.08,
      mouthSkew: 0.06,
      mouthTop: 0.1,
      mouthBottom: 0.012,
      lipTilt: 1,
      teeth: 0.6,
      noseWrinkle: 1,
      cheekFold: 0.8,
    },
    {
      browRaise: -0.1,
      browTilt: -0.08,
      browInner: 0.1,
      eyeOpen: 0.6,
      eyeLower: 0.5,
      lidSlant: 0.15,
      mouthWidth: 0.27,
      mouthCurve: -0.08,
      mouthSkew: -0.06,
      mouthTop: 0.1,
      mouthBottom: 0.012,
      lipTilt: -1,
      teeth: 0.6,
      noseWrinkle: 1,
      cheekFold: 0.8,
    },
  ],
  fear: [
    // Brows up, flat and pulled together, eyes very wide, lips stretched sideways over the teeth.
    {
      browRaise: 0.14,
      browTilt: 0.12,
      browArch: 0,
      browInner: 0.09,
      eyeOpen: 1.7,
      eyeLower: 1.3,
      mouthWidth: 0.36,
      mouthCurve: -0.05,
      mouthTop: 0.05,
      mouthBottom: 0.1,
      teeth: 0.9,
      foreheadLines: 0.8,
    },
    {
      browRaise: 0.14,
      browTilt: 0.12,
      browArch: 0,
      browInner: 0.09,
      eyeOpen: 1.7,
      eyeLower: 1.3,
      mouthWidth: 0.33,
      mouthCurve: -0.08,
      mouthTop: 0.025,
      mouthBottom: 0.05,
      teeth: 0.4,
      foreheadLines: 0.8,
    },
  ],
  happy: [
    // Closed smile with raised cheeks.
    {
      browRaise: 0.02,
      browArch: 0.08,
      eyeOpen: 0.88,
      eyeLower: 0.45,
      mouthWidth: 0.38,
      mouthCurve: 0.17,
      cheekFold: 0.8,
    },
    // Open laugh showing the upper teeth.
    {
      browRaise: 0.03,
      browArch: 0.08,
      eyeOpen: 0.85,
      eyeLower: 0.4,
      mouthWidth: 0.4,
      mouthCurve: 0.16,
      mouthTop: 0.02,
      mouthBottom: 0.16,
      teeth: 1,
      cheekFold: 0.9,
    },
  ],
  sad: [
    // Inner brows up, lids drooping at the outer corners, mouth corners down.
    {
      browRaise: 0.02,
      browTilt: 0.19,
      browArch: -0.02,
      browInner: 0.12,
      eyeOpen: 0.78,
      eyeLower: 0.95,
      lidSlant: -0.35,
      mouthWidth: 0.25,
      mouthCurve: -0.13,
    },
  ],
  surprise: [
    // Brows high and arched, eyes wide, jaw dropped into a round mouth.
    {
      browRaise: 0.21,
      browTilt: 0.02,
      browArch: 0.14,
      eyeOpen: 1.55,
      eyeLower: 1.1,
      mouthWidth: 0.15,
      mouthTop: 0.11,
      mouthBottom: 0.2,
      foreheadLines: 1,
    },
    {
      browRaise: 0.21,
      browTilt: 0.02,
      browArch: 0.14,
      eyeOpen: 1.5,
      eyeLower: 1.1,
      mouthWidth: 0.19,
      mouthTop: 0.07,
      mouthBottom: 0.14,
      teeth: 0.2,
      foreheadLines: 1,
    },
  ],
  neutral: [{}],
}

const KEYS = Object.keys(NEUTRAL) as (keyof Expression)[]

/**
 * One face's expression of `emotion`: the neutral face moved towards one of the emotion's targets
 * by an intensity (mostly clear, sometimes weak, so a few faces are honestly ambiguous, as in real
 * FER data), on top of the person's own resting face (some people frown or raise their brows
 * at rest), plus small jitter.
 */
export function sampleExpression(emotion: Emotion, rng: Rng): Expression {
  const variants = TARGETS[emotion]
  const target = { ...NEUTRAL, ...variants[rng.int(variants.length)] }
  const intensity =
    emotion === 'neutral' ? 0 : rng.chance(0.25) ? rng.range(0.3, 0.6) : rng.range(0.6, 1.15)
  const resting: Expression = {
    ...NEUTRAL,
    browRaise: rng.normal(0, 0.035),
    browTilt: rng.normal(0, 0.04),
    browArch: NEUTRAL.browArch + rng.normal(0, 0.02),
    eyeOpen: 1 + rng.normal(0, 0.1),
    lidSlant: rng.normal(0, 0.08),
    mouthWidth: NEUTRAL.mouthWidth + rng.normal(0, 0.025),
    mouthCurve: rng.normal(0, 0.03),
  }
  const expression = { ...resting }
  for (const key of KEYS) {
    expression[key] = resting[key] + intensity * (target[key] - NEUTRAL[key])
  }
  // Some neutral faces have their mouth slightly parted.
  if (emotion === 'neutral' && rng.chance(0.15)) expression.mouthBottom = rng.range(0.01, 0.035)
  return expression
}
