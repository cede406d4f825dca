import sharp from 'sharp'
import { describe, expect, it } from 'vitest'

import { writeGrayPng } from './writeGrayPng'

describe('writeGrayPng', () => {
  it('writes an 8-bit grayscale PNG that decoders read back pixel for pixel', async () => {
    const width = 7
    const height = 3
    const pixels = Uint8Array.from({ length: width * height }, (_, i) => (i * 37) % 256)
    const png = writeGrayPng(pixels, width, height)
    const meta = await sharp(png).metadata()
    expect(meta).toMatchObject({ format: 'png', width, height, channels: 1, depth: 'uchar' })
    const back = await sharp(png).toColourspace('b-w').raw().toBuffer()
    expect(Array.from(back)).toEqual(Array.from(pixels))
  })

  it('refuses pixels that do not make the size, and sizes that are not images', () => {
    expect(() => writeGrayPng(new Uint8Array(5), 2, 3)).toThrow(/5 pixels is not 2x3/)
    expect(() => writeGrayPng(new Uint8Array(0), 0, 0)).toThrow(/0x0 is not an image size/)
  })
})
