import { beforeAll, describe, expect, it } from 'vitest'

import { decodePhoto } from './decodePhoto'
import { createBlazeFaceDetector, type FaceDetector } from './faceDetector'
import { plainPng, SAMPLE_PHOTOS, samplePhotoPath, useWasmBackend } from './visionFixtures.testUtil'

let detector: FaceDetector
beforeAll(async () => {
  await useWasmBackend()
  detector = await createBlazeFaceDetector()
}, 60_000)

describe('createBlazeFaceDetector', () => {
  it.each(SAMPLE_PHOTOS)('finds every face in real group photo $n', async ({ n, faces }) => {
    const photo = await decodePhoto(samplePhotoPath(n))
    const found = await detector.detect(photo)
    expect(found).toHaveLength(faces)
    for (const { box, score } of found) {
      expect(score).toBeGreaterThanOrEqual(0.5)
      expect(box.x).toBeGreaterThanOrEqual(0)
      expect(box.x + box.width).toBeLessThanOrEqual(photo.width)
      // Faces in these photos are 150-350 px wide.
      expect(box.width).toBeGreaterThan(100)
      expect(box.width).toBeLessThan(400)
    }
    // Most confident first.
    expect(found.map((f) => f.score)).toEqual([...found.map((f) => f.score)].sort((a, b) => b - a))
  })

  it('finds no face in a plain picture', async () => {
    expect(await detector.detect(await decodePhoto(await plainPng(640, 480, 200)))).toEqual([])
  })
})
