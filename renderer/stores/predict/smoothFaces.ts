import type { DetectedFace } from '../../../shared/contract'
import type { FaceBox } from '../../../shared/domain'
import { EMOTIONS, type Emotion } from '../../../shared/domain'

/** A face followed across camera frames, its box and probabilities averaged over frames. */
export type TrackedFace = Readonly<{
  id: number
  box: FaceBox
  probabilities: readonly number[]
  label: Emotion
  confidence: number
  /** Frames in a row it has been missing (kept for a few so a blink does not drop it). */
  missed: number
}>

export type SmoothingOptions = Readonly<{
  /** Weight of the newest frame in the running average, 0..1. */
  alpha: number
  /** Frames a face may go unseen before it is dropped. */
  keepMissing: number
  /** Overlap (intersection over union) above which a detection continues a tracked face. */
  minIou: number
}>

export const DEFAULT_SMOOTHING: SmoothingOptions = { alpha: 0.35, keepMissing: 3, minIou: 0.3 }

/**
 * Matches this frame's faces to the tracked ones by box overlap (greedy, best overlap first) and
 * blends each into an exponential moving average, so boxes and bars do not jitter from frame to
 * frame; new faces start a track, tracks unseen for too long end.
 */
export function smoothFaces(
  tracked: readonly TrackedFace[],
  faces: readonly DetectedFace[],
  nextId: () => number,
  options: SmoothingOptions = DEFAULT_SMOOTHING,
): TrackedFace[] {
  const pairs: Array<{ t: number; f: number; iou: number }> = []
  tracked.forEach((t, ti) =>
    faces.forEach((f, fi) => {
      const overlap = iou(t.box, f.box)
      if (overlap >= options.minIou) pairs.push({ t: ti, f: fi, iou: overlap })
    }),
  )
  pairs.sort((a, b) => b.iou - a.iou)
  const usedT = new Set<number>()
  const usedF = new Set<number>()
  const out: TrackedFace[] = []
  for (const { t, f } of pairs) {
    if (usedT.has(t) || usedF.has(f)) continue
    usedT.add(t)
    usedF.add(f)
    out.push(blend(tracked[t] as TrackedFace, faces[f] as DetectedFace, options.alpha))
  }
  tracked.forEach((t, ti) => {
    if (!usedT.has(ti) && t.missed < options.keepMissing) out.push({ ...t, missed: t.missed + 1 })
  })
  faces.forEach((f, fi) => {
    if (!usedF.has(fi))
      out.push(withLabel({ id: nextId(), box: f.box, probabilities: f.probabilities, missed: 0 }))
  })
  return out.sort((a, b) => a.id - b.id)
}

function blend(t: TrackedFace, f: DetectedFace, alpha: number): TrackedFace {
  const mix = (a: number, b: number) => a + alpha * (b - a)
  return withLabel({
    id: t.id,
    box: {
      x: mix(t.box.x, f.box.x),
      y: mix(t.box.y, f.box.y),
      width: mix(t.box.width, f.box.width),
      height: mix(t.box.height, f.box.height),
    },
    probabilities: t.probabilities.map((p, k) => mix(p, f.probabilities[k] ?? 0)),
    missed: 0,
  })
}

function withLabel(face: Omit<TrackedFace, 'label' | 'confidence'>): TrackedFace {
  let best = 0
  face.probabilities.forEach((p, k) => {
    if (p > (face.probabilities[best] ?? -1)) best = k
  })
  return { ...face, label: EMOTIONS[best] as Emotion, confidence: face.probabilities[best] ?? 0 }
}

/** Intersection over union of two boxes, 0..1. */
export function iou(a: FaceBox, b: FaceBox): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  if (w <= 0 || h <= 0) return 0
  const inter = w * h
  return inter / (a.width * a.height + b.width * b.height - inter)
}
