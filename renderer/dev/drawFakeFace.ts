import type { Emotion } from '../../shared/domain'

/** A small seeded PRNG (mulberry32): the same id always draws the same face. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * A 48x48 grayscale cartoon face showing `emotion`, varied by `seed` (shape, position, light,
 * noise). Dev preview only: the real demo dataset is made by the backend.
 */
export function drawFakeFace(emotion: Emotion, seed: number, size = 48): number[] {
  const rand = seededRandom(seed * 7919 + 13)
  const px = new Array<number>(size * size)
  const cx = size / 2 + (rand() - 0.5) * 6
  const cy = size / 2 + (rand() - 0.5) * 5
  const rx = size * (0.32 + rand() * 0.06)
  const ry = size * (0.4 + rand() * 0.05)
  const skin = 150 + rand() * 70
  const bg = 30 + rand() * 80
  const light = (rand() - 0.5) * 2
  const dark = 40 + rand() * 30
  const eyeY = cy - ry * 0.22
  const eyeDx = rx * 0.42
  const eyeR = emotion === 'fear' || emotion === 'surprise' ? 3.2 : 2.2
  const mouthY = cy + ry * 0.45
  const mouthW = rx * (emotion === 'happy' ? 0.7 : 0.5)
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const dx = (x - cx) / rx
      const dy = (y - cy) / ry
      let v = bg + (x / size) * 20
      if (dx * dx + dy * dy <= 1) v = skin + light * (x - cx) * 1.5 - dy * 10
      // Eyes
      for (const ex of [cx - eyeDx, cx + eyeDx]) {
        if ((x - ex) ** 2 + (y - eyeY) ** 2 <= eyeR * eyeR) v = dark
      }
      // Brows: slanted in for anger, raised for surprise and fear.
      for (const side of [-1, 1]) {
        const bx = cx + side * eyeDx
        const lift = emotion === 'surprise' || emotion === 'fear' ? -3 : 0
        const slant = emotion === 'angry' ? side * -0.6 : emotion === 'sad' ? side * 0.5 : 0
        const by = eyeY - 5 + lift + slant * (x - bx)
        if (Math.abs(x - bx) <= 4 && Math.abs(y - by) <= 0.8) v = dark
      }
      // Mouth
      const mx = (x - cx) / mouthW
      if (Math.abs(mx) <= 1) {
        let curve = 0
        if (emotion === 'happy') curve = 4 * (1 - mx * mx)
        else if (emotion === 'sad') curve = -3 * (1 - mx * mx)
        else if (emotion === 'disgust') curve = 1.5 * Math.sin(mx * 6)
        else if (emotion === 'angry') curve = -1 * (1 - mx * mx)
        const my = mouthY + curve
        const open = emotion === 'surprise' ? 3.5 : emotion === 'fear' ? 2 : 0.9
        if (emotion === 'surprise' || emotion === 'fear') {
          if ((x - cx) ** 2 / (mouthW * 0.45) ** 2 + (y - mouthY) ** 2 / open ** 2 <= 1) v = dark
        } else if (Math.abs(y - my) <= open) v = dark
      }
      v += (rand() - 0.5) * 18
      px[y * size + x] = Math.max(0, Math.min(255, Math.round(v)))
    }
  }
  return px
}

/** Scales, shifts and rotates a face's pixels a little, as the augmentation preview would. */
export function jitterFace(
  pixels: readonly number[],
  size: number,
  seed: number,
  strength: number,
): number[] {
  const rand = seededRandom(seed)
  const angle = (rand() - 0.5) * strength * 0.6
  const shift = (rand() - 0.5) * strength * 8
  const flip = rand() < 0.5
  const bright = (rand() - 0.5) * strength * 60
  const out = new Array<number>(size * size)
  const c = size / 2
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const sx0 = flip ? size - 1 - x : x
      const dx = sx0 - c - shift
      const dy = y - c
      const sx = Math.round(c + dx * Math.cos(angle) - dy * Math.sin(angle))
      const sy = Math.round(c + dx * Math.sin(angle) + dy * Math.cos(angle))
      const inside = sx >= 0 && sy >= 0 && sx < size && sy < size
      const v =
        (inside ? (pixels[sy * size + sx] ?? 0) : 0) + bright + (rand() - 0.5) * strength * 30
      out[y * size + x] = Math.max(0, Math.min(255, Math.round(v)))
    }
  }
  return out
}
