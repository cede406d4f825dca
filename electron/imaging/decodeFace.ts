import sharp from 'sharp'

/** What a decoder reads: a path on disk or the bytes of an image file. */
export type ImageInput = string | Buffer

/**
 * Decodes any image sharp reads (PNG, JPEG, WebP, GIF, TIFF, AVIF...; any size, any colour, 8 or
 * 16 bits, with or without alpha) into `size x size` 8-bit grayscale, row-major. Transparency is
 * flattened onto black. Non-square images are stretched, as Keras' `image_dataset_from_directory`
 * does by default, so nothing of the face is cropped away. Truncated or corrupt files are rejected
 * (`failOn: 'warning'`) rather than decoded half grey.
 */
export async function decodeFace(input: ImageInput, size: number): Promise<Uint8Array> {
  const { data, info } = await sharp(input, { failOn: 'warning' })
    .rotate()
    .flatten({ background: '#000000' })
    .grayscale()
    .resize(size, size, { fit: 'fill', kernel: 'lanczos3' })
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true })
  if (info.channels !== 1 || data.length !== size * size) {
    throw new Error(`decoded to ${info.width}x${info.height}x${info.channels}, expected ${size}x${size}x1`)
  }
  return new Uint8Array(data.buffer, data.byteOffset, data.length)
}

/** A readable message for a decode failure, without sharp's internal prefixes. */
export function describeDecodeError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err)
  return message.replace(/^Input (file|buffer) /, '').split('\n')[0] ?? message
}
