import sharp from 'sharp'

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
