import { describe, expect, it } from 'vitest'

import { AugmentConfig, NO_AUGMENTATION } from '../../../../shared/domain/training'
import { adjustFace } from './adjustFace'
import { augmentFace } from './augment'
import { drawAugmentParams, IDENTITY_PARAMS } from './augmentParams'
import { createRng } from './rng'
import { warpFace } from './warpFace'

const SIZE = 48

function randomFace(seed: number): Uint8Array {
  const rng = createRng(seed)
  return Uint8Array.from({ length: SIZE * SIZE }, () => rng.int(256))
}

/** A bright horizontal bar through the centre on a black face. */
function barFace(): Float32Array {
  const face = new Float32Array(SIZE * SIZE)
  for (let y = 22; y < 26; y++) for (let x = 6; x < 42; x++) face[y * SIZE + x] = 1
  return face
}

/** Orientation of the bright mass in degrees, counter-clockwise on screen (y up). */
function orientationDeg(face: Float32Array): number {
  let m = 0
  let mx = 0
  let my = 0
  face.forEach((v, i) => {
    m += v
    mx += v * (i % SIZE)
    my += v * -Math.floor(i / SIZE)
  })
  mx /= m
  my /= m
  let xx = 0
  let yy = 0
  let xy = 0
  face.forEach((v, i) => {
    const dx = (i % SIZE) - mx
    const dy = -Math.floor(i / SIZE) - my
    xx += v * dx * dx
    yy += v * dy * dy
    xy += v * dx * dy
  })
  return (0.5 * Math.atan2(2 * xy, xx - yy) * 180) / Math.PI
}

function mirror(face: Uint8Array): Float32Array {
  const out = new Float32Array(face.length)
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++)
      out[y * SIZE + x] = (face[y * SIZE + SIZE - 1 - x] as number) / 255
  }
  return out
}

describe('augmentFace', () => {
  it('returns size*size values in [0, 1] even at the strongest settings', () => {
    const strongest: AugmentConfig = {
      flip: true,
      rotationDeg: 45,
      shift: 0.5,
      zoom: 0.5,
      brightness: 1,
      contrast: 1,
      noise: 0.5,
    }
    const rng = createRng(3)
    for (let i = 0; i < 20; i++) {
      const out = augmentFace(randomFace(i), SIZE, strongest, rng)
      expect(out).toHaveLength(SIZE * SIZE)
      expect(Math.min(...out)).toBeGreaterThanOrEqual(0)
      expect(Math.max(...out)).toBeLessThanOrEqual(1)
    }
  })

  it('is the identity when every strength is 0', () => {
    const bytes = randomFace(1)
    const fromBytes = augmentFace(bytes, SIZE, NO_AUGMENTATION, createRng(1))
    fromBytes.forEach((v, i) => expect(v).toBeCloseTo((bytes[i] as number) / 255, 6))
    const floats = Float32Array.from(bytes, (v) => v / 255)
    expect(augmentFace(floats, SIZE, NO_AUGMENTATION, createRng(1))).toEqual(floats)
  })

  it('flips by really mirroring, about half the time', () => {
    const face = randomFace(2)
    const same = Float32Array.from(face, (v) => v / 255)
    const mirrored = mirror(face)
    const rng = createRng(4)
    let flips = 0
    for (let i = 0; i < 200; i++) {
      const out = augmentFace(face, SIZE, { ...NO_AUGMENTATION, flip: true }, rng)
      const isMirrored = out.every((v, p) => v === mirrored[p])
      expect(isMirrored || out.every((v, p) => v === same[p])).toBe(true)
      if (isMirrored) flips++
    }
    expect(flips).toBeGreaterThan(70)
    expect(flips).toBeLessThan(130)
  })

  it('rotates a bar by at most the configured bound, and uses the range', () => {
    const bound = 15
    const rng = createRng(5)
    let largest = 0
    for (let i = 0; i < 100; i++) {
      const angle = orientationDeg(
        augmentFace(barFace(), SIZE, { ...NO_AUGMENTATION, rotationDeg: bound }, rng),
      )
      expect(Math.abs(angle)).toBeLessThanOrEqual(bound + 1)
      largest = Math.max(largest, Math.abs(angle))
    }
    expect(largest).toBeGreaterThan(bound * 0.8)
  })

  it('keeps every drawn transform within its bound', () => {
    const config = AugmentConfig.parse({
      rotationDeg: 20,
      shift: 0.2,
      zoom: 0.3,
      brightness: 0.4,
      contrast: 0.5,
    })
    const rng = createRng(6)
    for (let i = 0; i < 500; i++) {
      const p = drawAugmentParams(config, SIZE, rng)
      expect(Math.abs(p.angle)).toBeLessThanOrEqual((20 * Math.PI) / 180)
      expect(Math.abs(p.shiftX)).toBeLessThanOrEqual(0.2 * SIZE)
      expect(Math.abs(p.shiftY)).toBeLessThanOrEqual(0.2 * SIZE)
      expect(Math.abs(p.scale - 1)).toBeLessThanOrEqual(0.3)
      expect(Math.abs(p.brightness)).toBeLessThanOrEqual(0.4)
      expect(Math.abs(p.contrast - 1)).toBeLessThanOrEqual(0.5)
    }
  })

  it('gives the same copy for the same generator state', () => {
    const config = AugmentConfig.parse({})
    const face = randomFace(7)
    expect(augmentFace(face, SIZE, config, createRng(11))).toEqual(
      augmentFace(face, SIZE, config, createRng(11)),
    )
    expect(augmentFace(face, SIZE, config, createRng(11))).not.toEqual(
      augmentFace(face, SIZE, config, createRng(12)),
    )
  })

  it('rejects a source that is too short and an out that is the source', () => {
    expect(() => augmentFace(new Uint8Array(10), SIZE, NO_AUGMENTATION, createRng(1))).toThrow(
      /2304 values/,
    )
    const face = new Float32Array(SIZE * SIZE)
    expect(() => augmentFace(face, SIZE, NO_AUGMENTATION, createRng(1), face)).toThrow(
      /must not be the source/,
    )
  })
})

describe('warpFace', () => {
  const dotAt = (x: number, y: number): Float32Array => {
    const face = new Float32Array(SIZE * SIZE)
    face[y * SIZE + x] = 1
    return face
  }
  const brightest = (face: Float32Array): [number, number] => {
    const i = face.indexOf(Math.max(...face))
    return [i % SIZE, Math.floor(i / SIZE)]
  }
  const warp = (src: Float32Array, params: Partial<typeof IDENTITY_PARAMS>): Float32Array => {
    const out = new Float32Array(SIZE * SIZE)
    warpFace(src, SIZE, { ...IDENTITY_PARAMS, ...params }, 1, out)
    return out
  }

  it('shifts right and down for positive shifts', () => {
    expect(brightest(warp(dotAt(10, 12), { shiftX: 3, shiftY: 5 }))).toEqual([13, 17])
  })

  it('zooms about the centre', () => {
    // The centre is (23.5, 23.5): a dot 4.5 px left of it lands 9 px left at zoom 2.
    const out = warp(dotAt(19, 23), { scale: 2 })
    const mass = out.reduce((s, v) => s + v, 0)
    const centroidX = out.reduce((s, v, i) => s + v * (i % SIZE), 0) / mass
    expect(centroidX).toBeCloseTo(14.5, 1)
  })

  it('rotates counter-clockwise on screen for a positive angle', () => {
    expect(orientationDeg(warp(barFace(), { angle: Math.PI / 6 }))).toBeCloseTo(30, 0)
  })

  it('replicates the edge instead of filling borders with black', () => {
    const grey = new Float32Array(SIZE * SIZE).fill(0.4)
    const out = warp(grey, { angle: 0.5, shiftX: 10, scale: 0.6 })
    out.forEach((v) => expect(v).toBeCloseTo(0.4, 5))
  })
})

describe('adjustFace', () => {
  it('changes contrast about the mean, then adds brightness', () => {
    const values = Float32Array.from([0.2, 0.4, 0.6, 0.8])
    adjustFace(values, 4, { ...IDENTITY_PARAMS, contrast: 1.5, brightness: 0.05 }, createRng(1))
    expect([...values].map((v) => Number(v.toFixed(4)))).toEqual([0.1, 0.4, 0.7, 1])
  })

  it('adds Gaussian noise with the configured standard deviation', () => {
    const values = new Float32Array(20_000).fill(0.5)
    adjustFace(values, values.length, { ...IDENTITY_PARAMS, noiseStd: 0.05 }, createRng(2))
    const mean = values.reduce((s, v) => s + v, 0) / values.length
    const std = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length)
    expect(mean).toBeCloseTo(0.5, 2)
    expect(std).toBeGreaterThan(0.047)
    expect(std).toBeLessThan(0.053)
  })
})
