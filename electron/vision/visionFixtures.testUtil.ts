import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

import * as tf from '../training/common/tf'
import sharp from 'sharp'

import { createDefaultBackendLoaders } from '../training/worker/backend/backendLoaders'

const require = createRequire(import.meta.url)

/**
 * Real group photos that ship inside the @vladmandic/face-api npm package (a devDependency),
 * with the number of faces each shows: test inputs that are real photographs, never committed.
 */
export const SAMPLE_PHOTOS = [
  { n: 1, faces: 3 },
  { n: 3, faces: 3 },
  { n: 4, faces: 4 },
] as const

export function samplePhotoPath(n: number): string {
  const main = require.resolve('@vladmandic/face-api')
  return join(dirname(main), '..', 'demo', `sample${n}.jpg`)
}

/** The wasm backend, as the studio runs detection. */
export async function useWasmBackend(): Promise<void> {
  const name = await createDefaultBackendLoaders().wasm()
  await tf.setBackend(name)
  await tf.ready()
}

/** A plain image of one colour, encoded as PNG. */
export async function plainPng(width: number, height: number, grey: number): Promise<Buffer> {
  return sharp({
    create: { width, height, channels: 3, background: { r: grey, g: grey, b: grey } },
  })
    .png()
    .toBuffer()
}
