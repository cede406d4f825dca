import type { Emotion } from '../../shared/domain/emotion'
import { EMOTIONS } from '../../shared/domain/emotion'
import type { Split } from '../../shared/domain/split'
import { createRng, mixSeed } from '../training/worker/data/rng'
import { sampleAppearance } from './demoAppearance'
import { demoClassCounts, demoSplits } from './demoCounts'
import { sampleExpression } from './demoExpression'
import { drawDemoFace } from './drawDemoFace'

/** One synthetic face of the demo dataset. */
export type DemoFace = {
  /** 48x48 grayscale, row-major. */
  pixels: Uint8Array
  label: Emotion
  split: Split
  /** A stable, clearly synthetic name, e.g. `synthetic/train/happy/0042`. */
  name: string
}

export const DEMO_FACE_SIZE = 48
export const DEMO_DEFAULT_SEED = 2013
export const DEMO_DEFAULT_COUNT = 2100

const DEMO_STREAM = 0xde70

/**
 * The embedded demo dataset: drawn cartoon faces (clearly synthetic, no real person) showing the
 * seven FER2013 expressions, varied in face shape, size, position, tilt, skin and hair, lighting,
 * contrast and noise, some with weak or ambiguous expressions. Imbalanced like FER2013 (see
 * DEMO_CLASS_SHARES) and split about 80/10/10 with every class in every split. Fully determined
 * by the seed (byte for byte, for a given Node version: the drawing uses Math.sin/cos): the k-th
 * face of a class draws from its own random stream, so it looks the same whatever `count` is.
 * Returned in a shuffled order, as a real dataset file would list them. Needs count >= 21.
 */
export function generateDemoFaces(options: { seed?: number; count?: number } = {}): DemoFace[] {
  const seed = options.seed ?? DEMO_DEFAULT_SEED
  const counts = demoClassCounts(options.count ?? DEMO_DEFAULT_COUNT)
  const faces: DemoFace[] = []
  EMOTIONS.forEach((label, classIndex) => {
    const splits = demoSplits(counts[classIndex] as number)
    splits.forEach((split, k) => {
      const rng = createRng(mixSeed(seed, DEMO_STREAM, classIndex, k))
      const look = sampleAppearance(rng, DEMO_FACE_SIZE)
      const expression = sampleExpression(label, rng)
      faces.push({
        pixels: drawDemoFace(look, expression, DEMO_FACE_SIZE, rng),
        label,
        split,
        name: `synthetic/${split}/${label}/${String(k).padStart(4, '0')}`,
      })
    })
  })
  return createRng(mixSeed(seed, DEMO_STREAM)).shuffle(faces)
}
