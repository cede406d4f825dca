import { describe, expect, it } from 'vitest'

import type { DetectedFace } from '../../../shared/contract'
import { iou, smoothFaces, type TrackedFace } from './smoothFaces'

const face = (x: number, probabilities: number[]): DetectedFace => ({
  box: { x, y: 10, width: 100, height: 100 },
  detectionScore: 0.9,
  label: 'happy',
  confidence: Math.max(...probabilities),
  probabilities,
  crop: '',
})
const happy = [0, 0, 0, 1, 0, 0, 0]
const sad = [0, 0, 0, 0, 1, 0, 0]

describe('smoothFaces', () => {
  it('averages a face over frames instead of jumping to each frame', () => {
    let id = 0
    const next = () => ++id
    let tracked: TrackedFace[] = smoothFaces([], [face(0, happy)], next)
    expect(tracked).toMatchObject([{ id: 1, label: 'happy', confidence: 1 }])
    // One sad frame does not flip the label; the box moves only part of the way.
    tracked = smoothFaces(tracked, [face(10, sad)], next)
    expect(tracked).toHaveLength(1)
    expect(tracked[0]).toMatchObject({ id: 1, label: 'happy' })
    expect(tracked[0]!.box.x).toBeGreaterThan(0)
    expect(tracked[0]!.box.x).toBeLessThan(10)
    // A steady sad face wins after a few frames.
    for (let i = 0; i < 4; i++) tracked = smoothFaces(tracked, [face(10, sad)], next)
    expect(tracked[0]).toMatchObject({ id: 1, label: 'sad' })
  })

  it('keeps two faces apart, holds a missing one for a few frames, then drops it', () => {
    let id = 0
    const next = () => ++id
    let tracked = smoothFaces([], [face(0, happy), face(300, sad)], next)
    expect(tracked.map((t) => t.label)).toEqual(['happy', 'sad'])
    tracked = smoothFaces(tracked, [face(305, sad)], next)
    expect(tracked.map((t) => [t.id, t.missed])).toEqual([
      [1, 1],
      [2, 0],
    ])
    for (let i = 0; i < 3; i++) tracked = smoothFaces(tracked, [face(305, sad)], next)
    expect(tracked.map((t) => t.id)).toEqual([2])
  })

  it('measures overlap', () => {
    const box = { x: 0, y: 0, width: 10, height: 10 }
    expect(iou(box, box)).toBe(1)
    expect(iou(box, { x: 5, y: 0, width: 10, height: 10 })).toBeCloseTo(50 / 150)
    expect(iou(box, { x: 20, y: 0, width: 10, height: 10 })).toBe(0)
  })
})
