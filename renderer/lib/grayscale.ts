/** Writes 8-bit grayscale pixels (row-major, size x size) into a canvas at its own resolution. */
export function drawGrayscale(
  canvas: HTMLCanvasElement,
  size: number,
  pixels: readonly number[],
): void {
  canvas.width = size
  canvas.height = size
  const context = canvas.getContext('2d')
  if (context === null) return
  const image = context.createImageData(size, size)
  for (let i = 0; i < size * size; i++) {
    const v = pixels[i] ?? 0
    image.data[i * 4] = v
    image.data[i * 4 + 1] = v
    image.data[i * 4 + 2] = v
    image.data[i * 4 + 3] = 255
  }
  context.putImageData(image, 0, 0)
}
