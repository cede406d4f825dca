import sharp, { type Sharp } from 'sharp'

import {
  centreSquare,
  type CropSquare,
  type FaceBox,
  ferCropSquare,
} from '../../shared/domain/faceBox'
import type { DecodedPhoto } from './decodePhoto'

/**
 * THE face crop, for `predict` with and without detection and for faces added to a dataset from
 * a photo: a square around the detection box framed the way FER2013 frames faces
 * (`ferCropSquare`), or the photo's centred square when there is no box, made grayscale and
 * resized to `size x size` (lanczos3, like imports). Parts of the square past the photo's edges
 * repeat the edge pixels, so a face at the border is not framed by black.
 */
export async function cropFace(
  photo: DecodedPhoto,
  box: FaceBox | null,
  size: number,
): Promise<Uint8Array> {
  const square = box === null ? centreSquare(photo.width, photo.height) : ferCropSquare(box)
  const { data, info } = await (
    await squareOf(photo, square)
  )
    .grayscale()
    .resize(size, size, { kernel: 'lanczos3' })
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true })
  if (info.channels !== 1 || data.length !== size * size)
    throw new Error(
      `cropped to ${info.width}x${info.height}x${info.channels}, expected ${size}x${size}x1`,
    )
  return new Uint8Array(data.buffer, data.byteOffset, data.length)
}

/** The square as its own image, edges extended where it reaches past the photo. */
async function squareOf(photo: DecodedPhoto, square: CropSquare): Promise<Sharp> {
  const pad = {
    left: Math.max(0, -square.left),
    top: Math.max(0, -square.top),
    right: Math.max(0, square.left + square.side - photo.width),
    bottom: Math.max(0, square.top + square.side - photo.height),
  }
  const raw = { width: photo.width, height: photo.height, channels: 3 as const }
  const inside = {
    left: square.left + pad.left,
    top: square.top + pad.top,
    width: square.side - pad.left - pad.right,
    height: square.side - pad.top - pad.bottom,
  }
  if (inside.width <= 0 || inside.height <= 0) throw new Error('face box lies outside the photo')
  const region = sharp(photo.rgb, { raw }).extract(inside)
  if (pad.left + pad.top + pad.right + pad.bottom === 0) return region
  // sharp extends after resizing whatever the call order: pad in a pipeline of its own.
  const padded = await region
    .extend({ ...pad, extendWith: 'copy' })
    .raw()
    .toBuffer()
  return sharp(padded, { raw: { width: square.side, height: square.side, channels: 3 } })
}
