import type { DemoAppearance } from './demoAppearance'
import type { Expression } from './demoExpression'
import type { Box, FaceCanvas } from './faceCanvas'
import type { LensSpec } from './sdf'
import {
  aboveCurve,
  below,
  capsule,
  circle,
  curve,
  ellipse,
  intersect,
  lens,
  outline,
  subtract,
} from './sdf'

const SIDES = [-1, 1] as const

function boxAround(cx: number, cy: number, rx: number, ry: number): Box {
  return [cx - rx, cx + rx, cy - ry, cy + ry]
}

/** Where the brows sit at rest, above the eyes. */
const BROW_OFFSET = 0.3

/** Both eyebrows: thick tapered curves whose height, tilt and arch carry most of an expression. */
export function drawBrows(canvas: FaceCanvas, look: DemoAppearance, e: Expression): void {
  const base = look.eyeY - BROW_OFFSET - e.browRaise
  for (const side of SIDES) {
    const innerX = side * e.browInner + look.yaw
    const outerX = side * (e.browInner + 0.46 * look.eyeSize) + look.yaw
    const innerY = base - e.browTilt / 2
    const outerY = base + e.browTilt / 2
    const innerR = look.browThickness * 1.15
    const outerR = look.browThickness * 0.75
    const isLeft = side < 0
    const shape = curve({
      x0: isLeft ? outerX : innerX,
      y0: isLeft ? outerY : innerY,
      x1: isLeft ? innerX : outerX,
      y1: isLeft ? innerY : outerY,
      sag: -e.browArch,
      r0: isLeft ? outerR : innerR,
      r1: isLeft ? innerR : outerR,
    })
    const top = Math.min(innerY, outerY) - e.browArch - 0.15
    canvas.paint(
      shape,
      [
        Math.min(innerX, outerX) - 0.15,
        Math.max(innerX, outerX) + 0.15,
        top,
        Math.max(innerY, outerY) + 0.15,
      ],
      look.browTone,
    )
  }
}

/** Both eyes: white, iris and pupil clipped to the lids, a dark upper lid, a faint lower lid. */
export function drawEyes(canvas: FaceCanvas, look: DemoAppearance, e: Expression): void {
  const size = look.eyeSize
  for (const side of SIDES) {
    const cx = side * look.eyeSpacing + look.yaw * 1.2
    const cy = look.eyeY
    const spec: LensSpec = {
      cx,
      cy,
      w: 0.19 * size,
      top: 0.1 * size * Math.max(0.15, e.eyeOpen),
      bottom: 0.07 * size * Math.max(0.1, e.eyeLower),
      lift: 0.01,
      skew: 0,
      // Positive slant lowers the lid at the inner corner (s = -side there).
      topTilt: e.lidSlant * side,
    }
    const eye = lens(spec)
    const eyeTop = cy - spec.top * (1 + Math.abs(spec.topTilt)) - 0.05
    const eyeBox = [
      cx - spec.w - 0.04,
      cx + spec.w + 0.04,
      eyeTop,
      cy + spec.bottom + 0.04,
    ] as const
    const socket = ellipse(cx, cy - 0.02, 0.3 * size, 0.2 * size)
    canvas.paint(
      socket,
      boxAround(cx, cy - 0.02, 0.3 * size, 0.2 * size),
      look.skin * 0.78,
      0.35,
      3,
    )
    canvas.paint(eye, eyeBox, Math.min(250, look.skin + 50))
    const irisX = cx + look.gazeX
    const irisR = 0.09 * size
    const irisBox = boxAround(irisX, cy, irisR, irisR)
    canvas.paint(intersect(circle(irisX, cy + 0.005, irisR), eye), irisBox, look.irisTone)
    canvas.paint(intersect(circle(irisX, cy + 0.005, 0.04 * size), eye), irisBox, 5, 0.8)
    canvas.paint(intersect(outline(eye, 0.032), aboveCurve(cy, 0)), eyeBox, look.browTone * 0.8)
    canvas.paint(intersect(outline(eye, 0.022), below(cy)), eyeBox, look.skin * 0.55, 0.45)
    if (look.hasGlasses) {
      const rim = outline(ellipse(cx, cy, 0.29, 0.21), 0.028)
      canvas.paint(rim, boxAround(cx, cy, 0.32, 0.24), 25, 0.9)
    }
  }
  if (look.hasGlasses) {
    const x = look.yaw * 1.2
    canvas.paint(
      capsule(x - 0.1, look.eyeY - 0.04, x + 0.1, look.eyeY - 0.04, 0.025),
      boxAround(x, look.eyeY - 0.04, 0.13, 0.03),
      25,
      0.9,
    )
  }
}

/** The nose's underside and one shaded side, plus the disgust wrinkles across its bridge. */
export function drawNose(canvas: FaceCanvas, look: DemoAppearance, e: Expression): void {
  const x = look.yaw * 1.5
  const tipY = (look.eyeY + look.mouthY) / 2 + 0.12 - 0.04 * e.noseWrinkle
  const flare = 0.12 + 0.04 * e.noseWrinkle
  const shade = look.skin * 0.55
  const nostrils = curve({
    x0: x - flare,
    y0: tipY - 0.03,
    x1: x + flare,
    y1: tipY - 0.03,
    sag: 0.06,
    r0: 0.025,
    r1: 0.025,
  })
  canvas.paint(nostrils, boxAround(x, tipY, flare + 0.03, 0.07), shade, 0.85)
  const shadowX = x + (Math.cos(look.lightAngle) > 0 ? -0.08 : 0.08)
  const bridge = capsule(shadowX - 0.02, look.eyeY + 0.12, shadowX + 0.02, tipY - 0.06, 0.03)
  canvas.paint(
    bridge,
    [shadowX - 0.06, shadowX + 0.06, look.eyeY + 0.08, tipY - 0.02],
    shade,
    0.3,
    1.5,
  )
  if (e.noseWrinkle > 0.05) {
    const wrinkle = Math.min(1, e.noseWrinkle)
    for (const dy of [0.05, 0.12, 0.19]) {
      const y = look.eyeY + dy
      const line = curve({
        x0: x - 0.09,
        y0: y,
        x1: x + 0.09,
        y1: y,
        sag: -0.02,
        r0: 0.022,
        r1: 0.022,
      })
      canvas.paint(line, boxAround(x, y, 0.12, 0.04), shade, 0.9 * wrinkle)
    }
    for (const side of SIDES) {
      const crease = capsule(
        x + side * 0.1,
        look.eyeY + 0.14,
        x + side * 0.22,
        look.eyeY + 0.22,
        0.022,
      )
      canvas.paint(
        crease,
        boxAround(x + side * 0.16, look.eyeY + 0.18, 0.09, 0.07),
        shade,
        0.75 * wrinkle,
      )
    }
  }
}

/** Smile folds, forehead lines and frown lines, each only as strong as the expression asks. */
export function drawCreases(canvas: FaceCanvas, look: DemoAppearance, e: Expression): void {
  const shade = look.skin * 0.6
  const x = look.yaw
  if (e.cheekFold > 0.05) {
    const tipY = (look.eyeY + look.mouthY) / 2 + 0.12
    for (const side of SIDES) {
      const cornerX = x * 0.8 + side * (e.mouthWidth + 0.07)
      const fold = curve({
        x0: side < 0 ? cornerX : x + side * 0.17,
        y0: side < 0 ? look.mouthY + 0.03 - e.mouthCurve : tipY - 0.06,
        x1: side < 0 ? x + side * 0.17 : cornerX,
        y1: side < 0 ? tipY - 0.06 : look.mouthY + 0.03 - e.mouthCurve,
        sag: -0.05,
        r0: 0.022,
        r1: 0.022,
      })
      const foldBox = [
        Math.min(cornerX, x + side * 0.17) - 0.08,
        Math.max(cornerX, x + side * 0.17) + 0.08,
        tipY - 0.1,
        look.mouthY + 0.08 - e.mouthCurve,
      ] as const
      canvas.paint(fold, foldBox, shade, 0.6 * Math.min(1, e.cheekFold))
    }
  }
  const browY = look.eyeY - BROW_OFFSET - e.browRaise
  if (e.foreheadLines > 0.05) {
    for (const dy of [0.2, 0.32]) {
      const y = browY - dy - 0.06
      canvas.paint(
        curve({ x0: x - 0.42, y0: y, x1: x + 0.42, y1: y, sag: -0.04, r0: 0.015, r1: 0.015 }),
        boxAround(x, y - 0.02, 0.45, 0.05),
        shade,
        0.5 * Math.min(1, e.foreheadLines),
      )
    }
  }
  if (e.frownLines > 0.05) {
    for (const side of SIDES) {
      const lineX = x + side * 0.045
      canvas.paint(
        capsule(lineX, browY - 0.02, lineX + side * 0.01, browY + 0.11, 0.016),
        [lineX - 0.04, lineX + 0.04, browY - 0.04, browY + 0.13],
        shade,
        0.65 * Math.min(1, e.frownLines),
      )
    }
  }
}

/** The mouth: a lip line when closed, or lips around a dark opening with teeth when open. */
export function drawMouth(canvas: FaceCanvas, look: DemoAppearance, e: Expression): void {
  const cx = look.yaw * 0.8
  const cy = look.mouthY
  const w = Math.max(0.08, e.mouthWidth)
  // Everything the mouth draws stays within its corners, lift, skew and openings.
  const reach = Math.abs(e.mouthCurve) + Math.abs(e.mouthSkew) + 0.06
  const top = cy - reach - Math.max(0, e.mouthTop) * (1 + Math.abs(e.lipTilt))
  const box = [cx - w - 0.06, cx + w + 0.06, top, cy + reach + Math.max(0, e.mouthBottom)] as const
  const isOpen = e.mouthTop + e.mouthBottom > 0.025
  // Lower-lip shadow, soft, under the mouth.
  const chinY = cy + Math.max(0, e.mouthBottom) + 0.09
  const shadow = curve({
    x0: cx - w * 0.5,
    y0: chinY,
    x1: cx + w * 0.5,
    y1: chinY,
    sag: 0.02,
    r0: 0.03,
    r1: 0.03,
  })
  canvas.paint(shadow, boxAround(cx, chinY + 0.01, w * 0.5 + 0.03, 0.05), look.skin * 0.7, 0.35, 2)
  if (!isOpen) {
    const leftY = cy - e.mouthCurve - e.mouthSkew
    const rightY = cy - e.mouthCurve + e.mouthSkew
    const line = curve({
      x0: cx - w,
      y0: leftY,
      x1: cx + w,
      y1: rightY,
      sag: e.mouthCurve,
      r0: 0.026,
      r1: 0.026,
    })
    canvas.paint(line, box, look.lipTone * 0.55)
    return
  }
  const spec: LensSpec = {
    cx,
    cy,
    w,
    top: Math.max(0.005, e.mouthTop),
    bottom: Math.max(0.005, e.mouthBottom),
    lift: e.mouthCurve,
    skew: e.mouthSkew,
    topTilt: e.lipTilt,
  }
  const mouth = lens(spec)
  canvas.paint(outline(mouth, 0.04), box, look.lipTone)
  canvas.paint(mouth, box, 28)
  if (e.teeth > 0.05) {
    // Teeth are the part of the opening a copy of it, moved down (or up), does not cover.
    const upper = subtract(mouth, lens({ ...spec, cy: cy + 0.035 + 0.02 * e.teeth }))
    canvas.paint(upper, box, 225, Math.min(1, e.teeth))
    if (e.teeth > 0.5 && e.mouthBottom < 0.12) {
      const lower = subtract(mouth, lens({ ...spec, cy: cy - 0.03 }))
      canvas.paint(lower, box, 205, Math.min(1, e.teeth))
    }
  }
}
