import crypto from 'node:crypto'

import { isBlank } from './parsePixels'

/** What the store keeps of a face's pixels besides the pixels: its hash and whether it is blank. */
export type FaceRowPixels = Readonly<{ pixels: Buffer; hash: string; isBlank: 0 | 1 }>

/**
 * The stored form of a face's pixels, the same for imports and for faces added one at a time:
 * the bytes, their hex SHA-1 (exact duplicates share it) and the blank flag.
 */
export function faceRowPixels(pixels: Uint8Array): FaceRowPixels {
  const bytes = Buffer.from(pixels.buffer, pixels.byteOffset, pixels.length)
  return {
    pixels: bytes,
    hash: crypto.createHash('sha1').update(bytes).digest('hex'),
    isBlank: isBlank(pixels) ? 1 : 0,
  }
}
