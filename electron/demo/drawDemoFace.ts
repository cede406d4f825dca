import { GAUSSIAN_TABLE_BITS, gaussianTable } from '../training/worker/data/gaussianTable'
import type { Rng } from '../training/worker/data/rng'
import type { DemoAppearance } from './demoAppearance'
import type { Expression } from './demoExpression'
import { drawBrows, drawCreases, drawEyes, drawMouth, drawNose } from './demoFeatures'
import type { FaceCanvas, Field } from './faceCanvas'
import { createFaceCanvas } from './faceCanvas'
import { aboveCurve, capsule, egg, ellipse, intersect } from './sdf'

/**
 * Renders one cartoon face as size x size grayscale bytes: background, shoulders, hair, head,
 * expression features, then the photograph's faults (uneven light, contrast, sensor noise).
 */
export function drawDemoFace(
  look: DemoAppearance,
  e: Expression,
  size: number,
  rng: Rng,
): Uint8Array {
  const canvas = createFaceCanvas(size, look.placement, look.blur)
  canvas.values.fill(look.background)
  drawBackdrop(canvas, look, rng)
  drawHead(canvas, look)
  drawCreases(canvas, look, e)
  drawHairCap(canvas, look)
  drawBrows(canvas, look, e)
  drawEyes(canvas, look, e)
  drawNose(canvas, look, e)
  drawMouth(canvas, look, e)
  return develop(canvas.values, size, look, rng)
}

function drawBackdrop(canvas: FaceCanvas, look: DemoAppearance, rng: Rng): void {
  // A soft blob of clutter somewhere behind the head.
  const bx = rng.range(-2, 2)
  const by = rng.range(-1.8, 1.5)
  const rx = rng.range(0.5, 1.2)
  const ry = rng.range(0.5, 1.2)
  canvas.paint(
    ellipse(bx, by, rx, ry),
    [bx - rx, bx + rx, by - ry, by + ry],
    rng.range(0, 255),
    0.5,
    6,
  )
  const h = look.headHeight
  canvas.paint(ellipse(0, h + 1.05, 2.1, 0.85), [-2.3, 2.3, h, h + 2], look.clothes)
  canvas.paint(capsule(0, h * 0.4, 0, h + 0.5, 0.42), [-0.6, 0.6, h * 0.3, h + 1], look.skin * 0.82)
  if (look.hair === 'long') {
    const back = intersect(ellipse(0, -0.12, 1.3, h + 0.22), aboveCurve(h * 0.75, 0))
    canvas.paint(back, [-1.5, 1.5, -h - 0.5, h], look.hairTone)
  }
  for (const side of [-1, 1]) {
    const x = side * 0.98 + look.yaw * -0.5
    canvas.paint(ellipse(x, -0.02, 0.15, 0.25), [x - 0.3, x + 0.3, -0.4, 0.35], look.skin * 0.88)
  }
}

function drawHead(canvas: FaceCanvas, look: DemoAppearance): void {
  const h = look.headHeight
  // Darker towards the rim, so the head reads as round.
  const tone: Field = (u, v, n, out) => {
    for (let i = 0; i < n; i++) {
      const x = u[i] as number
      const y = (v[i] as number) / h
      out[i] = look.skin * (1 - 0.14 * (x * x + y * y))
    }
  }
  canvas.paint(egg(0, 0, 1, h, look.jawTaper), [-1.1, 1.1, -h - 0.1, h + 0.1], tone)
}

function drawHairCap(canvas: FaceCanvas, look: DemoAppearance): void {
  if (look.hair === 'none') return
  const h = look.headHeight
  const isBangs = look.hair === 'bangs'
  const line = isBangs ? look.hairline + 0.06 : look.hairline
  // Hair comes down at the temples; bangs are a fringe with a gentle wave.
  const hairline = isBangs ? aboveCurve(line, 0.15, 0.04, 9) : aboveCurve(line, 0.55)
  canvas.paint(
    intersect(ellipse(0, -0.08, 1.08, h + 0.12), hairline),
    [-1.2, 1.2, -h - 0.3, 0.4],
    look.hairTone,
  )
}

/** Lighting ramp, contrast about the mean, Gaussian noise, then rounding to bytes. */
function develop(values: Float32Array, size: number, look: DemoAppearance, rng: Rng): Uint8Array {
  const c = (size - 1) / 2
  const lx = (Math.cos(look.lightAngle) * look.lightAmount) / size
  const ly = (Math.sin(look.lightAngle) * look.lightAmount) / size
  let mean = 0
  for (let y = 0, i = 0; y < size; y++) {
    for (let x = 0; x < size; x++, i++) {
      const v = (values[i] as number) + (x - c) * lx + (y - c) * ly
      values[i] = v
      mean += v
    }
  }
  mean /= values.length
  const out = new Uint8Array(values.length)
  // Table-driven Gaussian noise (two draws per random number): Box-Muller here took a third of
  // the whole generation time.
  const table = gaussianTable()
  const mask = (1 << GAUSSIAN_TABLE_BITS) - 1
  let bits = 0
  for (let i = 0; i < values.length; i++) {
    let index: number
    if ((i & 1) === 0) {
      bits = rng.nextUint32()
      index = bits & mask
    } else {
      index = bits >>> GAUSSIAN_TABLE_BITS
    }
    const noise = look.noiseStd * (table[index] as number)
    const v = mean + ((values[i] as number) - mean) * look.contrast + noise
    out[i] = v <= 0 ? 0 : v >= 255 ? 255 : (v + 0.5) | 0
  }
  return out
}
