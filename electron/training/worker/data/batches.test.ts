import { describe, expect, it } from 'vitest'

import { AugmentConfig } from '../../../../shared/domain/training'
import type { FaceArrays, FaceBatch } from './batches'
import { batchesPerEpoch, createBatchIterator, evalBatches, planEpoch } from './batches'
import { classCounts } from './balance'
import { createRng } from './rng'

const SIZE = 8
const PIXELS = SIZE * SIZE
const NO_BALANCE = { classWeights: 'none', oversampleTo: null } as const

/** 10 angry, 2 disgust, 20 happy, 7 neutral faces of random pixels. */
function makeFaces(): FaceArrays {
  const labels = Int32Array.from([
    ...Array.from({ length: 10 }, () => 0),
    1,
    1,
    ...Array.from({ length: 20 }, () => 3),
    ...Array.from({ length: 7 }, () => 6),
  ])
  const rng = createRng(1)
  return {
    size: SIZE,
    count: labels.length,
    pixels: Uint8Array.from({ length: labels.length * PIXELS }, () => rng.int(256)),
    labels,
    faceIds: labels.map((_, i) => 100 + i),
  }
}

const faces = makeFaces()
const sourceOf = (index: number): Float32Array =>
  Float32Array.from(faces.pixels.subarray(index * PIXELS, (index + 1) * PIXELS), (v) => v / 255)
const sampleOf = (batch: FaceBatch, j: number): Float32Array =>
  batch.x.subarray(j * PIXELS, (j + 1) * PIXELS)
const isSame = (a: Float32Array, b: Float32Array): boolean =>
  a.every((v, i) => Math.abs(v - (b[i] as number)) < 1e-6)

describe('planEpoch', () => {
  it('shuffles every face once without oversampling, per (seed, epoch)', () => {
    const order = planEpoch(faces, NO_BALANCE, 1, 0)
    expect([...order].sort((a, b) => a - b)).toEqual(
      Array.from({ length: faces.count }, (_, i) => i),
    )
    expect(planEpoch(faces, NO_BALANCE, 1, 0)).toEqual(order)
    expect(planEpoch(faces, NO_BALANCE, 1, 1)).not.toEqual(order)
    expect(planEpoch(faces, NO_BALANCE, 2, 0)).not.toEqual(order)
  })

  it("oversamples every class to the largest with 'max', repeating faces evenly", () => {
    const order = planEpoch(faces, { classWeights: 'none', oversampleTo: 'max' }, 1, 0)
    const counts = classCounts([...order].map((i) => faces.labels[i] as number))
    expect(counts).toEqual([20, 20, 0, 20, 0, 0, 20])
    const uses = new Map<number, number>()
    for (const i of order) uses.set(i, (uses.get(i) ?? 0) + 1)
    // 7 neutral faces fill 20 slots: each used 2 or 3 times.
    for (let i = 32; i < 39; i++) expect([2, 3]).toContain(uses.get(i))
    expect(uses.get(0)).toBe(2)
    expect(uses.get(10)).toBe(10)
  })

  it('oversamples to N, leaving larger classes as they are', () => {
    const order = planEpoch(faces, { classWeights: 'none', oversampleTo: 9 }, 3, 4)
    expect(classCounts([...order].map((i) => faces.labels[i] as number))).toEqual([
      10, 9, 0, 20, 0, 0, 9,
    ])
  })
})

describe('createBatchIterator', () => {
  const augment = AugmentConfig.parse({})
  const order = planEpoch(faces, { classWeights: 'none', oversampleTo: 'max' }, 5, 2)
  const options = { faces, order, batchSize: 16, augment, classWeights: null, seed: 5, epoch: 2 }

  it('yields ceil(n / batch) batches of NHWC floats in [0, 1] with matching labels and ids', () => {
    const batches = [...createBatchIterator(options)]
    expect(batches).toHaveLength(batchesPerEpoch(order.length, 16))
    expect(batches.map((b) => b.count)).toEqual([16, 16, 16, 16, 16])
    let position = 0
    for (const batch of batches) {
      expect(batch.x).toHaveLength(batch.count * PIXELS)
      expect(Math.min(...batch.x)).toBeGreaterThanOrEqual(0)
      expect(Math.max(...batch.x)).toBeLessThanOrEqual(1)
      for (let j = 0; j < batch.count; j++, position++) {
        const index = order[position] as number
        expect(batch.y[j]).toBe(faces.labels[index])
        expect(batch.faceIds[j]).toBe(faces.faceIds[index])
      }
      expect(batch.sampleWeights).toBeNull()
    }
  })

  it('is deterministic per (seed, epoch) and resumes at a batch with the same batches', () => {
    const full = [...createBatchIterator(options)]
    expect([...createBatchIterator(options)]).toEqual(full)
    expect([...createBatchIterator({ ...options, startBatch: 3 })]).toEqual(full.slice(3))
    expect([...createBatchIterator({ ...options, epoch: 3 })][0]?.x).not.toEqual(full[0]?.x)
  })

  it('augments every face when augmentation is on', () => {
    const [batch] = createBatchIterator(options)
    for (let j = 0; j < 16; j++)
      expect(isSame(sampleOf(batch as FaceBatch, j), sourceOf(order[j] as number))).toBe(false)
  })

  it('passes faces unchanged without augmentation or oversampling', () => {
    const plain = planEpoch(faces, NO_BALANCE, 1, 0)
    const batches = [
      ...createBatchIterator({ ...options, order: plain, augment: null, batchSize: 7 }),
    ]
    expect(batches.at(-1)?.count).toBe(39 - 5 * 7)
    batches.forEach((batch, b) => {
      for (let j = 0; j < batch.count; j++) {
        expect(isSame(sampleOf(batch, j), sourceOf(plain[b * 7 + j] as number))).toBe(true)
      }
    })
  })

  it('still augments oversampled repeats, each differently, when augmentation is off', () => {
    const batches = [...createBatchIterator({ ...options, augment: null, batchSize: 80 })]
    const samples = batches.flatMap((batch) =>
      Array.from({ length: batch.count }, (_, j) => sampleOf(batch, j)),
    )
    const seen = new Map<number, Float32Array[]>()
    samples.forEach((sample, position) => {
      const index = order[position] as number
      const earlier = seen.get(index)
      if (earlier === undefined) {
        expect(isSame(sample, sourceOf(index))).toBe(true)
        seen.set(index, [sample])
      } else {
        for (const copy of earlier) expect(isSame(sample, copy)).toBe(false)
        earlier.push(sample)
      }
    })
    expect(seen.get(10)).toHaveLength(10)
  })

  it('weights each face by its class weight', () => {
    const classWeights = [1, 5, 0, 0.5, 0, 0, 2]
    for (const batch of createBatchIterator({ ...options, classWeights })) {
      expect([...(batch.sampleWeights ?? [])]).toEqual(
        [...batch.y].map((label) => classWeights[label]),
      )
    }
  })

  it('rejects face indices outside the faces and a bad start batch or batch size', () => {
    expect(() => createBatchIterator({ ...options, order: Int32Array.from([0, 39]) })).toThrow(
      /order\[1\] = 39/,
    )
    expect(() => createBatchIterator({ ...options, startBatch: 6 })).toThrow(/startBatch 6/)
    expect(() => createBatchIterator({ ...options, batchSize: 0 })).toThrow(/positive integer/)
    expect(() => createBatchIterator({ ...options, classWeights: [1, 2] })).toThrow(
      /2 class weights/,
    )
  })
})

describe('evalBatches', () => {
  it('gives every face once, in order, unaugmented', () => {
    const batches = [...evalBatches(faces, 16)]
    expect(batches.map((b) => b.count)).toEqual([16, 16, 7])
    batches.forEach((batch, b) => {
      for (let j = 0; j < batch.count; j++) {
        expect(isSame(sampleOf(batch, j), sourceOf(b * 16 + j))).toBe(true)
        expect(batch.y[j]).toBe(faces.labels[b * 16 + j])
      }
    })
    expect(batches.flatMap((b) => [...b.faceIds])).toEqual([...faces.faceIds])
  })
})

describe('createBatchIterator with random crops', () => {
  const options = {
    faces,
    order: Int32Array.from({ length: faces.count }, (_, i) => i),
    batchSize: 16,
    augment: null,
    classWeights: null,
    seed: 3,
    epoch: 1,
  }

  /** Where the crop `sample` (crop x crop) sits in face `index`, or null when it is nowhere. */
  const originOf = (sample: Float32Array, index: number, crop: number) => {
    const face = sourceOf(index)
    for (let top = 0; top + crop <= SIZE; top++)
      for (let left = 0; left + crop <= SIZE; left++) {
        let same = true
        for (let r = 0; r < crop && same; r++)
          for (let c = 0; c < crop && same; c++)
            same = Math.abs(face[(top + r) * SIZE + left + c]! - sample[r * crop + c]!) < 1e-6
        if (same) return `${top},${left}`
      }
    return null
  }

  it('cuts each face to a crop x crop window at a random place of the face', () => {
    const crop = 6
    const [batch] = [...createBatchIterator({ ...options, crop })]
    expect(batch!.x.length).toBe(16 * crop * crop)
    const origins = new Set<string>()
    for (let j = 0; j < 16; j++) {
      const origin = originOf(batch!.x.subarray(j * 36, (j + 1) * 36), j, crop)
      expect(origin).not.toBeNull()
      origins.add(origin!)
    }
    // 9 possible places; 16 faces land on several of them.
    expect(origins.size).toBeGreaterThan(3)
  })

  it('is deterministic per (seed, epoch, batch), and leaves runs without crops as they were', () => {
    const a = [...createBatchIterator({ ...options, crop: 6 })]
    const b = [...createBatchIterator({ ...options, crop: 6 })]
    expect(a.map((x) => Array.from(x.x))).toEqual(b.map((x) => Array.from(x.x)))
    const whole = [...createBatchIterator({ ...options, crop: null })]
    expect(whole[0]!.x.length).toBe(16 * PIXELS)
    expect(isSame(sampleOf(whole[0]!, 0), sourceOf(0))).toBe(true)
  })

  it('refuses a crop larger than the faces', () => {
    expect(() => createBatchIterator({ ...options, crop: SIZE + 1 })).toThrow(/crop 9 does not fit/)
  })
})
