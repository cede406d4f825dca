import { existsSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

import sharp from 'sharp'

import { decodePhoto, type DecodedPhoto } from '../../electron/vision/decodePhoto'
import * as tf from '../../electron/training/common/tf'
import { createBlazeFaceDetector, type Detection } from '../../electron/vision/faceDetector'

const require = createRequire(import.meta.url)

/** Real group photos in @vladmandic/face-api's package, with how many faces each shows. */
const SAMPLES = [3, 3, 3, 4, 5, 4]

type Detect = (photo: DecodedPhoto) => Promise<Detection[]>
export type DetectorScore = {
  detector: string
  set: string
  faces: number
  found: number
  falsePositives: number
  msPerPhoto: number
  /** FER2013 set: mean detection box side / FER2013 crop side, and centre offset (side units). */
  boxToCrop?: { side: number; dx: number; dy: number }
}

type FaceApi = {
  nets: Record<string, { loadFromDisk(dir: string): Promise<void> }>
  detectAllFaces(
    input: tf.Tensor3D,
    options: unknown,
  ): Promise<Array<{ score: number; box: { x: number; y: number; width: number; height: number } }>>
  TinyFaceDetectorOptions: new (o: object) => unknown
  SsdMobilenetv1Options: new (o: object) => unknown
}

/**
 * The detectors compared: BlazeFace (what the studio uses) and, where face-api's wasm build loads
 * (it needs the `@tensorflow/tfjs` umbrella package, which the project no longer installs:
 * `npm i --no-save @tensorflow/tfjs@4.22.0` to include them), its Tiny Face Detector and SSD.
 */
export async function loadDetectors(log: (m: string) => void): Promise<Record<string, Detect>> {
  const blaze = await createBlazeFaceDetector()
  const detectors: Record<string, Detect> = { 'BlazeFace (human)': (p) => blaze.detect(p) }
  let faceapi: FaceApi
  try {
    faceapi = require(
      path.join(path.dirname(require.resolve('@vladmandic/face-api')), 'face-api.node-wasm.js'),
    ) as FaceApi
  } catch (err) {
    log(`face-api's detectors skipped: ${err instanceof Error ? err.message.split('\n')[0] : err}`)
    return detectors
  }
  const models = path.join(path.dirname(require.resolve('@vladmandic/face-api')), '..', 'model')
  await faceapi.nets.tinyFaceDetector!.loadFromDisk(models)
  await faceapi.nets.ssdMobilenetv1!.loadFromDisk(models)
  const viaFaceApi =
    (options: unknown): Detect =>
    async (photo) => {
      const input = tf.tensor3d(photo.rgb, [photo.height, photo.width, 3], 'int32')
      try {
        const found = await faceapi.detectAllFaces(input, options)
        return found.map((d) => ({
          box: { x: d.box.x, y: d.box.y, width: d.box.width, height: d.box.height },
          score: d.score,
        }))
      } finally {
        input.dispose()
      }
    }
  detectors['Tiny Face Detector 416 (face-api)'] = viaFaceApi(
    new faceapi.TinyFaceDetectorOptions({ inputSize: 416, scoreThreshold: 0.5 }),
  )
  detectors['SSD MobileNet v1 (face-api)'] = viaFaceApi(
    new faceapi.SsdMobilenetv1Options({ minConfidence: 0.5 }),
  )
  return detectors
}

/** Real photos: found = min(detections, faces); the rest are false positives. */
export async function scoreOnSamples(name: string, detect: Detect): Promise<DetectorScore> {
  const folder = path.join(path.dirname(require.resolve('@vladmandic/face-api')), '..', 'demo')
  let found = 0
  let falsePositives = 0
  let ms = 0
  for (const [k, faces] of SAMPLES.entries()) {
    const photo = await decodePhoto(path.join(folder, `sample${k + 1}.jpg`))
    await detect(photo)
    const start = performance.now()
    const n = (await detect(photo)).length
    ms += performance.now() - start
    found += Math.min(n, faces)
    falsePositives += Math.max(0, n - faces)
  }
  const faces = SAMPLES.reduce((a, b) => a + b, 0)
  return {
    detector: name,
    set: 'face-api sample photos',
    faces,
    found,
    falsePositives,
    msPerPhoto: ms / SAMPLES.length,
  }
}

/**
 * FER2013 faces (PublicTest, 48 px) scaled up to 120-300 px, two per plain light background:
 * what `predict --detect` is checked with. Needs ../shared/data; a detection counts when its
 * centre lies inside a placed face.
 */
export async function scoreOnFer2013(
  name: string,
  detect: Detect,
  dataDir: string,
  photos = 30,
): Promise<DetectorScore | null> {
  const root = path.join(dataDir, 'fer2013', 'PublicTest')
  if (!existsSync(root)) return null
  const classes = readdirSync(root).sort()
  let found = 0
  let falsePositives = 0
  let ms = 0
  const ratios: Array<{ side: number; dx: number; dy: number }> = []
  for (let i = 0; i < photos; i++) {
    const size = 120 + (i % 4) * 60
    const placed = [0, 1].map((k) => ({ left: 30 + k * (size + 80), top: 50, size }))
    const layers = await Promise.all(
      placed.map(async (p, k) => {
        const cls = classes[(2 * i + k) % classes.length] as string
        const file = readdirSync(path.join(root, cls)).sort()[i] as string
        return {
          input: await sharp(path.join(root, cls, file))
            .resize(size, size)
            .png()
            .toBuffer(),
          left: p.left,
          top: p.top,
        }
      }),
    )
    const png = await sharp({
      create: { width: 2 * size + 140, height: size + 100, channels: 3, background: '#e0ddd6' },
    })
      .composite(layers)
      .png()
      .toBuffer()
    const photo = await decodePhoto(png)
    const start = performance.now()
    const detections = await detect(photo)
    ms += performance.now() - start
    const hits = new Set<number>()
    for (const d of detections) {
      const cx = d.box.x + d.box.width / 2
      const cy = d.box.y + d.box.height / 2
      const k = placed.findIndex(
        (p) => cx > p.left && cx < p.left + p.size && cy > p.top && cy < p.top + p.size,
      )
      const p = placed[k]
      if (!p || hits.has(k)) {
        falsePositives++
        continue
      }
      hits.add(k)
      ratios.push({
        side: Math.max(d.box.width, d.box.height) / p.size,
        dx: (cx - (p.left + p.size / 2)) / p.size,
        dy: (cy - (p.top + p.size / 2)) / p.size,
      })
    }
    found += hits.size
  }
  const mean = (key: 'side' | 'dx' | 'dy') =>
    Math.round((ratios.reduce((a, r) => a + r[key], 0) / Math.max(1, ratios.length)) * 1000) / 1000
  return {
    detector: name,
    set: 'FER2013 faces on plain backgrounds',
    faces: 2 * photos,
    found,
    falsePositives,
    msPerPhoto: ms / photos,
    boxToCrop: { side: mean('side'), dx: mean('dx'), dy: mean('dy') },
  }
}
