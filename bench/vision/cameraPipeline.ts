import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'

import sharp from 'sharp'

import { createComputeEngine } from '../../electron/training/worker/engine/createComputeEngine'
import type { Detection } from '../../electron/vision/faceDetector'
import { createVisionClient } from '../../electron/vision/visionClient'

const require = createRequire(import.meta.url)

export type CameraFigures = {
  model: string
  /** The detector ran on one frame in this many. */
  detectEvery: number
  frame: string
  facesPerFrame: number
  frames: number
  framesPerSecond: number
  msPerFrameMedian: number
  msPerFrameP95: number
  workerMsMedian: number
}

/**
 * The webcam's backend path as the studio runs it: 480x360 JPEG frames of a real group photo
 * (three faces), base64-encoded as the renderer sends them, through the vision worker (decode,
 * BlazeFace, FER2013 crops, the model), one frame after the other for `seconds`. The model is
 * the preset with fresh weights (speed does not depend on what it learned).
 */
export async function measureCamera(
  model: string,
  seconds: number,
  detectEvery: number,
): Promise<CameraFigures> {
  const dir = await mkdtemp(path.join(tmpdir(), 'fer-vision-bench-'))
  const engine = await createComputeEngine({ model, backend: 'wasm', seed: 1, maxThreads: 1 })
  await engine.saveModel(path.join(dir, 'model'))
  await engine.dispose()
  const photo = path.join(
    path.dirname(require.resolve('@vladmandic/face-api')),
    '..',
    'demo',
    'sample1.jpg',
  )
  const jpeg = await sharp(photo)
    .resize(480, 360, { fit: 'cover' })
    .jpeg({ quality: 85 })
    .toBuffer()
  const frame = jpeg.toString('base64')
  const vision = createVisionClient()
  try {
    let known: Detection[] | null = null
    let sinceDetect = 0
    // As the renderer does: detect one frame in `detectEvery`, predict known boxes on the others.
    const send = async () => {
      const bytes = Buffer.from(frame, 'base64')
      const detect = known === null || sinceDetect >= detectEvery - 1
      const result = await vision.predictPhoto(
        path.join(dir, 'model'),
        new Uint8Array(bytes),
        detect ? null : known,
      )
      if (detect) {
        known = result.faces.map((f) => ({ box: f.box, score: f.detectionScore }))
        sinceDetect = 0
      } else sinceDetect++
      return result
    }
    for (let i = 0; i < 5; i++) await send()
    const times: number[] = []
    const worker: number[] = []
    let faces = 0
    const start = performance.now()
    while (performance.now() - start < seconds * 1000) {
      const t0 = performance.now()
      const result = await send()
      times.push(performance.now() - t0)
      worker.push(result.elapsedMs)
      faces = result.faces.length
    }
    const sorted = [...times].sort((a, b) => a - b)
    const at = (q: number) =>
      sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
    const workerSorted = [...worker].sort((a, b) => a - b)
    return {
      model,
      detectEvery,
      frame: '480x360 JPEG, 3 faces',
      facesPerFrame: faces,
      frames: times.length,
      framesPerSecond: Math.round((times.length / ((performance.now() - start) / 1000)) * 10) / 10,
      msPerFrameMedian: Math.round(at(0.5) * 10) / 10,
      msPerFrameP95: Math.round(at(0.95) * 10) / 10,
      workerMsMedian:
        Math.round((workerSorted[Math.floor(workerSorted.length / 2)] ?? 0) * 10) / 10,
    }
  } finally {
    await vision.close()
    await rm(dir, { recursive: true, force: true })
  }
}
