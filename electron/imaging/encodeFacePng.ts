import sharp from 'sharp'

import { writeGrayPng } from './writeGrayPng'

/**
 * Encodes stored face pixels (faceSize x faceSize, 8-bit grayscale, row-major) as a grayscale PNG,
 * enlarged to `outputSize` pixels a side with nearest-neighbour sampling so every stored pixel
 * stays a crisp square (labelers judge faces by their pixels, not by a blur).
 */
export async function encodeFacePng(
  pixels: Uint8Array,
  faceSize: number,
  outputSize: number = faceSize,
): Promise<Buffer> {
  if (pixels.length !== faceSize * faceSize) {
    throw new Error(`encodeFacePng: ${pixels.length} pixels is not ${faceSize}x${faceSize}`)
  }
  let image = sharp(pixels, { raw: { width: faceSize, height: faceSize, channels: 1 } })
  if (outputSize !== faceSize) {
    image = image.resize(outputSize, outputSize, { kernel: 'nearest', fit: 'fill' })
  }
  return image.toColourspace('b-w').png().toBuffer()
}

/**
 * Encodes several faces of one size side by side as one grayscale PNG strip (faceSize high,
 * faces.length * faceSize wide, in the given order): a grid row is one request and one decode
 * instead of one per face. Written uncompressed (writeGrayPng): it only goes to the studio.
 */
export function encodeFaceStripPng(faces: readonly Uint8Array[], faceSize: number): Buffer {
  if (faces.length === 0) throw new Error('encodeFaceStripPng: no faces')
  const width = faces.length * faceSize
  const strip = Buffer.alloc(width * faceSize)
  faces.forEach((pixels, index) => {
    if (pixels.length !== faceSize * faceSize) {
      throw new Error(
        `encodeFaceStripPng: face ${index} has ${pixels.length} pixels, not ${faceSize}x${faceSize}`,
      )
    }
    for (let y = 0; y < faceSize; y++) {
      strip.set(pixels.subarray(y * faceSize, (y + 1) * faceSize), y * width + index * faceSize)
    }
  })
  return writeGrayPng(strip, width, faceSize)
}
