import sharp from 'sharp'
import { describe, expect, it } from 'vitest'

import { decodeFace, isStoredFormatPng } from './decodeFace'
import { encodeFacePng, encodeFaceStripPng } from './encodeFacePng'

const face = Uint8Array.from({ length: 16 }, (_, i) => i * 16)

describe('encodeFacePng', () => {
  it('writes a lossless 8-bit grayscale PNG of the stored pixels', async () => {
    const png = await encodeFacePng(face, 4)
    const meta = await sharp(png).metadata()
    expect(meta).toMatchObject({ format: 'png', width: 4, height: 4, channels: 1, depth: 'uchar' })
    expect(Array.from(await decodeFace(png, 4))).toEqual(Array.from(face))
  })

  it('enlarges with nearest-neighbour: every stored pixel becomes a flat square', async () => {
    const png = await encodeFacePng(face, 4, 12)
    const meta = await sharp(png).metadata()
    expect([meta.width, meta.height, meta.channels]).toEqual([12, 12, 1])
    const data = await decodeFace(png, 12)
    for (let y = 0; y < 12; y++) {
      for (let x = 0; x < 12; x++)
        expect(data[y * 12 + x]).toBe(face[Math.floor(y / 3) * 4 + Math.floor(x / 3)])
    }
  })

  it('refuses pixels that do not make the given size', async () => {
    await expect(encodeFacePng(face, 5)).rejects.toThrow(/16 pixels is not 5x5/)
  })
})

describe('encodeFaceStripPng', () => {
  it('puts the faces side by side, in order, pixel for pixel', async () => {
    const other = Uint8Array.from({ length: 16 }, (_, i) => 255 - i)
    const png = encodeFaceStripPng([face, other, face], 4)
    const meta = await sharp(png).metadata()
    expect([meta.format, meta.width, meta.height, meta.channels]).toEqual(['png', 12, 4, 1])
    const data = await sharp(png).toColourspace('b-w').raw().toBuffer()
    for (let y = 0; y < 4; y++) {
      const row = Array.from(data.subarray(y * 12, (y + 1) * 12))
      const expected = [face, other, face].flatMap((f) => Array.from(f.subarray(y * 4, y * 4 + 4)))
      expect(row).toEqual(expected)
    }
  })

  it('refuses an empty strip and a face of the wrong size, naming it', async () => {
    expect(() => encodeFaceStripPng([], 4)).toThrow(/no faces/)
    expect(() => encodeFaceStripPng([face, face.subarray(1)], 4)).toThrow(
      /face 1 has 15 pixels, not 4x4/,
    )
  })
})

describe('decodeFace', () => {
  it('turns any image into size x size gray and rejects what is not an image', async () => {
    const rgb = await sharp({
      create: { width: 64, height: 32, channels: 3, background: { r: 255, g: 255, b: 255 } },
    })
      .jpeg()
      .toBuffer()
    const pixels = await decodeFace(rgb, 8)
    expect(pixels.length).toBe(64)
    expect(Math.min(...pixels)).toBeGreaterThan(250)
    await expect(decodeFace(Buffer.from('not an image'), 8)).rejects.toThrow()
  })
})

describe('isStoredFormatPng', () => {
  it('spots 8-bit gray PNGs of the face size without transparency, and nothing else', async () => {
    const gray = await encodeFacePng(face, 4)
    expect(isStoredFormatPng(gray, 4)).toBe(true)
    expect(isStoredFormatPng(gray, 8)).toBe(false)
    const rgb = await sharp(Buffer.from(face), { raw: { width: 4, height: 4, channels: 1 } })
      .toColourspace('srgb')
      .png()
      .toBuffer()
    expect(isStoredFormatPng(rgb, 4)).toBe(false)
    const alpha = await sharp(Buffer.from(face), { raw: { width: 4, height: 4, channels: 1 } })
      .ensureAlpha(0.5)
      .png()
      .toBuffer()
    expect(isStoredFormatPng(alpha, 4)).toBe(false)
    expect(isStoredFormatPng(gray.subarray(0, 20), 4)).toBe(false)
    expect(isStoredFormatPng(Buffer.from('not a png at all, not even close'), 4)).toBe(false)
    // Both pipelines give the same pixels for such a file.
    expect(Array.from(await decodeFace(gray, 4))).toEqual(Array.from(face))
  })
})
