import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'

import * as tf from '../training/common/tf'
import type { Config, Human } from '@vladmandic/human'

import type { FaceBox } from '../../shared/domain/faceBox'
import type { DecodedPhoto } from './decodePhoto'
import { registerFileModelLoader } from './fileModelLoader'

/** One face a detector found: its box in photo pixels and the detector's confidence 0..1. */
export type Detection = Readonly<{ box: FaceBox; score: number }>

export type FaceDetector = Readonly<{
  /** Faces in the photo, most confident first. */
  detect(photo: DecodedPhoto): Promise<Detection[]>
}>

export type DetectorOptions = Readonly<{
  /** Detections below this confidence are dropped. Default 0.5. */
  minConfidence?: number
  /** Most faces reported per photo. Default 20. */
  maxFaces?: number
}>

const require = createRequire(import.meta.url)

/** The package's `dist` folder (its exports map hides package.json and the other builds). */
function humanDist(): string {
  return dirname(require.resolve('@vladmandic/human'))
}

/** The folder of models that ships inside @vladmandic/human (no download at run time). */
export function humanModelFolder(): string {
  return join(humanDist(), '..', 'models')
}

/**
 * BlazeFace (from @vladmandic/human, weights inside the npm package) on the active tfjs backend.
 * Chosen over face-api's Tiny Face Detector and SSD MobileNet by `npm run bench:detect`: it finds
 * more faces on real photos and is the fastest of the three. Only the detector runs (no mesh,
 * no other models), and its box comes unscaled (`scale: 1`): `ferCropSquare` frames the crop.
 */
export async function createBlazeFaceDetector(
  options: DetectorOptions = {},
): Promise<FaceDetector> {
  registerFileModelLoader()
  // The package's exports map offers only the tfjs-node build; the wasm/cpu one sits beside it.
  const bundle = join(humanDist(), 'human.node-wasm.js')
  const { Human: HumanClass } = require(bundle) as { Human: new (config: Partial<Config>) => Human }
  const human = new HumanClass(humanConfig(options))
  await human.load()
  return {
    async detect(photo) {
      const input = tf.tensor3d(photo.rgb, [photo.height, photo.width, 3], 'int32')
      try {
        const result = await human.detect(input)
        return result.face
          .map((face) => ({
            box: { x: face.box[0], y: face.box[1], width: face.box[2], height: face.box[3] },
            score: face.boxScore,
          }))
          .filter((d) => d.box.width > 0 && d.box.height > 0)
          .sort((a, b) => b.score - a.score)
      } finally {
        input.dispose()
      }
    },
  }
}

function humanConfig(options: DetectorOptions): Partial<Config> {
  const off = { enabled: false }
  return {
    backend: tf.getBackend() as Config['backend'],
    modelBasePath: pathToFileURL(humanModelFolder()).href + '/',
    debug: false,
    async: true,
    warmup: 'none',
    cacheSensitivity: 0,
    filter: { ...off } as Config['filter'],
    gesture: off,
    body: off as Config['body'],
    hand: off as Config['hand'],
    object: off as Config['object'],
    segmentation: off as Config['segmentation'],
    face: {
      enabled: true,
      detector: {
        modelPath: 'blazeface.json',
        rotation: false,
        maxDetected: options.maxFaces ?? 20,
        minConfidence: options.minConfidence ?? 0.5,
        iouThreshold: 0.3,
        scale: 1,
        return: false,
      },
      mesh: off,
      iris: off,
      emotion: off,
      description: off,
      antispoof: off,
      liveness: off,
      attention: off,
      gear: off,
    } as unknown as Config['face'],
  } as Partial<Config>
}
