/** Writes 8-bit grayscale pixels (row-major, size wide, `height` high) into a canvas at its own resolution. */
export function drawGrayscale(
  canvas: HTMLCanvasElement,
  size: number,
  pixels: readonly number[],
  height: number = size,
): void {
  canvas.width = size
  canvas.height = height
  const context = canvas.getContext('2d')
  if (context === null) return
  const image = context.createImageData(size, height)
  for (let i = 0; i < size * height; i++) {
    const v = pixels[i] ?? 0
    image.data[i * 4] = v
    image.data[i * 4 + 1] = v
    image.data[i * 4 + 2] = v
    image.data[i * 4 + 3] = 255
  }
  context.putImageData(image, 0, 0)
}
