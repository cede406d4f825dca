import sharp from 'sharp'

export const BLACK = 0
export const WHITE = 255
export const GRAY = 128

/**
 * A 96x48 PNG in three vertical bands: columns 0-31 black, 32-63 white, 64-95 gray. Centre-cropped
 * to 48x48 it keeps columns 24-71 (8 black, 32 white, 8 gray); stretched it would halve every
 * band (16 black, 16 white, 16 gray).
 */
export async function threeBandPng(): Promise<Buffer> {
  const width = 96
  const height = 48
  const pixels = Buffer.alloc(width * height)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      pixels[y * width + x] = x < 32 ? BLACK : x < 64 ? WHITE : GRAY
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 1 } })
    .png()
    .toBuffer()
}
