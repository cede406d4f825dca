import fs from 'node:fs'

import sharp from 'sharp'

/** What a decoder reads: a path on disk or the bytes of an image file. */
export type ImageInput = string | Buffer

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/**
 * Whether a PNG is already what we store: `size x size`, 8-bit grayscale, no transparency (no
 * tRNS chunk before the image data). Reads only the chunk headers; sharp still does the decoding.
 */
export function isStoredFormatPng(bytes: Buffer, size: number): boolean {
  if (bytes.length < 33 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return false
  if (bytes.toString('latin1', 12, 16) !== 'IHDR') return false
  const width = bytes.readUInt32BE(16)
  const height = bytes.readUInt32BE(20)
  const bitDepth = bytes[24]
  const colourType = bytes[25]
  if (width !== size || height !== size || bitDepth !== 8 || colourType !== 0) return false
  let offset = 8
  while (offset + 8 <= bytes.length) {
    const type = bytes.toString('latin1', offset + 4, offset + 8)
    if (type === 'IDAT') return true
    if (type === 'tRNS') return false
    offset += 12 + bytes.readUInt32BE(offset)
  }
  return false
}

/**
 * Decodes any image sharp reads (PNG, JPEG, WebP, GIF, TIFF, AVIF...; any size, any colour, 8 or
 * 16 bits, with or without alpha) into `size x size` 8-bit grayscale, row-major. EXIF orientation
 * is applied and transparency flattened onto black. Non-square images are centre-cropped to a
 * square (sharp `fit: 'cover', position: 'centre'`) before resizing, never stretched, so a face
 * keeps its proportions; this is the one decoder for folder and manifest imports and `predict`.
 * Truncated or corrupt files are rejected (`failOn: 'warning'`) rather than decoded half grey.
 *
 * Files already in the stored format (the FER2013 PNG releases: 48x48 8-bit gray) take a
 * shorter sharp pipeline: libvips' per-operation cost dominates for tiny images, and skipping
 * orientation, flattening and resizing halves the CPU time of a folder import.
 */
export async function decodeFace(input: ImageInput, size: number): Promise<Uint8Array> {
  // readFileSync on purpose: one small file costs ~20 us of CPU this way against ~100 us through
  // fs.promises (four thread-pool round trips), a fifth of a folder import's time. The decode
  // itself, the expensive part, still runs off the main thread in sharp.
  const bytes = typeof input === 'string' ? fs.readFileSync(input) : input
  const image = isStoredFormatPng(bytes, size)
    ? sharp(bytes, { failOn: 'warning' }).toColourspace('b-w')
    : sharp(bytes, { failOn: 'warning', autoOrient: true })
        .flatten({ background: '#000000' })
        .grayscale()
        .resize(size, size, { fit: 'cover', position: 'centre', kernel: 'lanczos3' })
  const { data, info } = await image.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true })
  if (info.channels !== 1 || data.length !== size * size) {
    throw new Error(
      `decoded to ${info.width}x${info.height}x${info.channels}, expected ${size}x${size}x1`,
    )
  }
  return new Uint8Array(data.buffer, data.byteOffset, data.length)
}

/** A readable message for a decode failure, without sharp's internal prefixes. */
export function describeDecodeError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err)
  return message.replace(/^Input (file|buffer) /, '').split('\n')[0] ?? message
}
