/**
 * Approximate signed distances (negative inside) for the cartoon face's shapes, in face units.
 * They only need to be accurate within a pixel or so of the edge, where they set the
 * anti-aliasing coverage; far from it only the sign matters.
 *
 * A shape fills `out[i]` for the n points (u[i], v[i]) at once rather than being called per
 * pixel: the per-pixel loop then sits inside each shape, where V8 can optimise it, instead of
 * crossing a closure call that boxes every returned double (that version spent half its time in
 * the garbage collector).
 */
export type Sdf = (u: Float64Array, v: Float64Array, n: number, out: Float64Array) => void

// Scratch buffers for composite shapes, used as a stack (composites nest, never interleave).
const scratch: Float64Array[] = []
let depth = 0

function withScratch(n: number, use: (buffer: Float64Array) => void): void {
  let buffer = scratch[depth]
  if (buffer === undefined || buffer.length < n) {
    buffer = new Float64Array(Math.max(n, 4096))
    scratch[depth] = buffer
  }
  depth++
  try {
    use(buffer)
  } finally {
    depth--
  }
}

/** Ellipse centred at (cx, cy) with radii rx, ry (first-order distance estimate). */
export function ellipse(cx: number, cy: number, rx: number, ry: number): Sdf {
  return egg(cx, cy, rx, ry, 0)
}

/**
 * An ellipse whose half-width shrinks below its centre by up to `taper` at the bottom (a head
 * with a narrower jaw).
 */
export function egg(cx: number, cy: number, rx: number, ry: number, taper: number): Sdf {
  const irx2 = 1 / (rx * rx)
  const iry2 = 1 / (ry * ry)
  return (u, v, n, out) => {
    for (let i = 0; i < n; i++) {
      const dy = (v[i] as number) - cy
      const t = dy > 0 ? (dy < ry ? dy / ry : 1) : 0
      const dx = ((u[i] as number) - cx) / (1 - taper * t * t)
      const x = dx * dx * irx2
      const y = dy * dy * iry2
      const k0 = Math.sqrt(x + y)
      const k1 = Math.sqrt(x * irx2 + y * iry2)
      out[i] = k1 === 0 ? -Math.min(rx, ry) : (k0 * (k0 - 1)) / k1
    }
  }
}

/** A circle (exact). */
export function circle(cx: number, cy: number, r: number): Sdf {
  return (u, v, n, out) => {
    for (let i = 0; i < n; i++) {
      const dx = (u[i] as number) - cx
      const dy = (v[i] as number) - cy
      out[i] = Math.sqrt(dx * dx + dy * dy) - r
    }
  }
}

/** A straight stroke with round ends and half-thickness r. */
export function capsule(ax: number, ay: number, bx: number, by: number, r: number): Sdf {
  const dx = bx - ax
  const dy = by - ay
  const lengthSq = dx * dx + dy * dy || 1e-9
  return (u, v, n, out) => {
    for (let i = 0; i < n; i++) {
      const px = (u[i] as number) - ax
      const py = (v[i] as number) - ay
      const raw = (px * dx + py * dy) / lengthSq
      const t = raw < 0 ? 0 : raw > 1 ? 1 : raw
      const ex = px - t * dx
      const ey = py - t * dy
      out[i] = Math.sqrt(ex * ex + ey * ey) - r
    }
  }
}

export type CurveSpec = {
  x0: number
  y0: number
  x1: number
  y1: number
  /** How far the middle sits below the straight line from end to end (negative: above). */
  sag: number
  /** Half-thickness at the start and at the end. */
  r0: number
  r1: number
}

/**
 * A curved stroke from (x0, y0) to (x1, y1) (x0 < x1), a parabola through both ends whose middle
 * is `sag` below the chord, tapering from r0 to r1: eyebrows, closed mouths, nostrils, creases.
 */
export function curve(spec: CurveSpec): Sdf {
  const { x0, y0, x1, y1, sag, r0, r1 } = spec
  const width = x1 - x0
  return (u, v, n, out) => {
    for (let i = 0; i < n; i++) {
      const x = u[i] as number
      const y = v[i] as number
      const t = (x - x0) / width
      if (t <= 0) {
        out[i] = Math.sqrt((x - x0) * (x - x0) + (y - y0) * (y - y0)) - r0
      } else if (t >= 1) {
        out[i] = Math.sqrt((x - x1) * (x - x1) + (y - y1) * (y - y1)) - r1
      } else {
        const yc = y0 + (y1 - y0) * t + 4 * sag * t * (1 - t)
        const slope = (y1 - y0 + 4 * sag * (1 - 2 * t)) / width
        out[i] = Math.abs(y - yc) / Math.sqrt(1 + slope * slope) - (r0 + (r1 - r0) * t)
      }
    }
  }
}

export type LensSpec = {
  cx: number
  cy: number
  /** Half-width. */
  w: number
  /** Opening above and below the middle line at the centre. */
  top: number
  bottom: number
  /** Corners this much higher than the centre (a smile), negative lower. */
  lift: number
  /** Right corner this much lower than the left (a crooked line). */
  skew: number
  /** Scales the top opening from left (-1) to right (+1): 1 + topTilt * s. */
  topTilt: number
}

/** Lens-shaped opening between an upper and a lower elliptical arc: eyes and open mouths. */
export function lens(spec: LensSpec): Sdf {
  const { cx, cy, w, top, bottom, lift, skew, topTilt } = spec
  return (u, v, n, out) => {
    for (let i = 0; i < n; i++) {
      const y = v[i] as number
      const s = ((u[i] as number) - cx) / w
      if (s <= -1 || s >= 1) {
        const side = s < 0 ? -1 : 1
        const dx = Math.abs((u[i] as number) - cx) - w
        const dy = y - (cy - lift + skew * side)
        out[i] = Math.sqrt(dx * dx + dy * dy)
        continue
      }
      const root = Math.sqrt(1 - s * s)
      const mid = cy - lift * s * s + skew * s
      const midSlope = (-2 * lift * s + skew) / w
      // d/du of sqrt(1 - s^2), capped: the arcs are vertical at the corners.
      const rawSlope = -s / root
      const rootSlope = (rawSlope < -4 ? -4 : rawSlope > 4 ? 4 : rawSlope) / w
      const tilt = 1 + topTilt * s
      const topOpen = tilt > 0 ? top * tilt : 0
      const upperSlope = midSlope - topOpen * rootSlope
      const lowerSlope = midSlope + bottom * rootSlope
      const dUpper = (mid - topOpen * root - y) / Math.sqrt(1 + upperSlope * upperSlope)
      const dLower = (y - mid - bottom * root) / Math.sqrt(1 + lowerSlope * lowerSlope)
      out[i] = dUpper > dLower ? dUpper : dLower
    }
  }
}

/** The region above the curve v = y0 + a2 * u^2 + wave * sin(frequency * u), e.g. a hairline. */
export function aboveCurve(y0: number, a2: number, wave = 0, frequency = 0): Sdf {
  return (u, v, n, out) => {
    for (let i = 0; i < n; i++) {
      const x = u[i] as number
      out[i] =
        (v[i] as number) - (y0 + a2 * x * x + (wave === 0 ? 0 : wave * Math.sin(frequency * x)))
    }
  }
}

/** The region below the horizontal line v = y0. */
export function below(y0: number): Sdf {
  return (_u, v, n, out) => {
    for (let i = 0; i < n; i++) out[i] = y0 - (v[i] as number)
  }
}

/** Inside both. */
export function intersect(a: Sdf, b: Sdf): Sdf {
  return (u, v, n, out) => {
    a(u, v, n, out)
    withScratch(n, (tmp) => {
      b(u, v, n, tmp)
      for (let i = 0; i < n; i++)
        if ((tmp[i] as number) > (out[i] as number)) out[i] = tmp[i] as number
    })
  }
}

/** Inside a but not b. */
export function subtract(a: Sdf, b: Sdf): Sdf {
  return (u, v, n, out) => {
    a(u, v, n, out)
    withScratch(n, (tmp) => {
      b(u, v, n, tmp)
      for (let i = 0; i < n; i++)
        if (-(tmp[i] as number) > (out[i] as number)) out[i] = -(tmp[i] as number)
    })
  }
}

/** A band of half-thickness r along the outline of a shape. */
export function outline(a: Sdf, r: number): Sdf {
  return (u, v, n, out) => {
    a(u, v, n, out)
    for (let i = 0; i < n; i++) out[i] = Math.abs(out[i] as number) - r
  }
}
