import fs from 'node:fs'

import sharp from 'sharp'

/** A photo decoded once for detection and cropping: 8-bit RGB, row-major, orientation applied. */
export type DecodedPhoto = Readonly<{ rgb: Uint8Array; width: number; height: number }>

/** Photos larger than this many pixels are refused (sharp's own default limit is 268 MP). */
export const MAX_PHOTO_PIXELS = 40_000_000

/**
 * Decodes any image sharp reads (JPEG, PNG, WebP, GIF, TIFF, AVIF...) to RGB: EXIF orientation
 * applied, transparency flattened onto black like imports, grayscale expanded to three bands.
 * Truncated or corrupt files are rejected rather than decoded half grey.
 */
export async function decodePhoto(input: string | Uint8Array): Promise<DecodedPhoto> {
  const bytes = typeof input === 'string' ? fs.readFileSync(input) : input
  const { data, info } = await sharp(bytes, {
    failOn: 'warning',
    autoOrient: true,
    limitInputPixels: MAX_PHOTO_PIXELS,
  })
    .flatten({ background: '#000000' })
    .toColourspace('srgb')
    .removeAlpha()
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true })
  if (info.channels !== 3) throw new Error(`decoded to ${info.channels} bands, expected 3`)
  return {
    rgb: new Uint8Array(data.buffer, data.byteOffset, data.length),
    width: info.width,
    height: info.height,
  }
}
