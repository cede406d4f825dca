import sharp from 'sharp'
import { describe, expect, it } from 'vitest'

import { FER_CROP, ferCropSquare } from '../../shared/domain/faceBox'
import { decodeFace } from '../imaging/decodeFace'
import { threeBandPng } from '../imaging/threeBandPng.testUtil'
import { cropFace } from './cropFace'
import { decodePhoto } from './decodePhoto'

/** A 200x100 black photo with a white square covering exactly `square`. */
async function photoWithSquare(square: { left: number; top: number; side: number }) {
  const white = await sharp({
    create: { width: square.side, height: square.side, channels: 3, background: '#ffffff' },
  })
    .png()
    .toBuffer()
  const png = await sharp({
    create: { width: 200, height: 100, channels: 3, background: '#000000' },
  })
    .composite([{ input: white, left: square.left, top: square.top }])
    .png()
    .toBuffer()
  return decodePhoto(png)
}

describe('cropFace', () => {
  it('without a box takes the centred square, exactly like imports decode a file', async () => {
    const png = await threeBandPng()
    const crop = await cropFace(await decodePhoto(png), null, 48)
    expect(Array.from(crop)).toEqual(Array.from(await decodeFace(png, 48)))
  })

  it('crops the FER2013 square around a detection box to size x size gray', async () => {
    const box = { x: 60, y: 30, width: 40, height: 40 }
    const square = ferCropSquare(box)
    const photo = await photoWithSquare(square)
    const crop = await cropFace(photo, box, 48)
    expect(crop).toHaveLength(48 * 48)
    // The crop is exactly the white square: white everywhere but the resampled border.
    const inner = Array.from(
      { length: 40 * 40 },
      (_, k) => crop[(4 + Math.floor(k / 40)) * 48 + 4 + (k % 40)],
    )
    expect(Math.min(...(inner as number[]))).toBeGreaterThan(250)
  })

  it('frames a tall box in a square on its longer side, shifted up, never stretched', () => {
    const square = ferCropSquare({ x: 100, y: 100, width: 50, height: 80 })
    expect(square.side).toBe(Math.round(80 * FER_CROP.scale))
    expect(square.left + square.side / 2).toBeCloseTo(125, 0)
    expect(square.top + square.side / 2).toBeLessThan(140)
  })

  it('repeats edge pixels where the square reaches past the photo', async () => {
    // A white band along the top edge; a box at the very top reaches above the photo.
    const band = await sharp({
      create: { width: 200, height: 10, channels: 3, background: '#fff' },
    })
      .png()
      .toBuffer()
    const png = await sharp({
      create: { width: 200, height: 100, channels: 3, background: '#000' },
    })
      .composite([{ input: band, left: 0, top: 0 }])
      .png()
      .toBuffer()
    const crop = await cropFace(await decodePhoto(png), { x: 80, y: 0, width: 40, height: 40 }, 48)
    // The rows above the photo copy its white top row rather than showing black.
    expect(crop[0]).toBeGreaterThan(250)
    expect(crop[47 * 48]).toBeLessThan(5)
  })
})
