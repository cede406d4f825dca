/**
 * Renders the app icon, drawn once in resources/icon.svg, to the PNG sizes the platforms need:
 * resources/icons/<n>x<n>.png for Linux (electron-builder takes the folder; the size must be in
 * the name) and resources/icon.png at 1024 for macOS and Windows, which electron-builder turns
 * into .icns and .ico itself. Run after editing the SVG:
 *
 *   node bin/run-ts.js scripts/renderIcons.ts
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import sharp from 'sharp'

/** Linux icon theme sizes plus the 512 and 1024 that macOS and Windows installers scale from. */
export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const

/** The SVG's own canvas; sharp rasterizes at 72 dpi by default, i.e. 1 unit = 1 pixel. */
const SVG_SIZE = 1024

export type RenderedIcon = Readonly<{ file: string; png: Buffer }>

/** One PNG a size, rasterized straight at that size (never scaled down from a bitmap). */
export async function renderIcon(svg: Buffer, size: number): Promise<Buffer> {
  return sharp(svg, { density: (72 * size) / SVG_SIZE })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toBuffer()
}

/** Every file the packages need, relative to resources/. */
export async function renderIcons(svg: Buffer): Promise<RenderedIcon[]> {
  const icons = await Promise.all(
    ICON_SIZES.map(async (size) => ({
      file: `icons/${size}x${size}.png`,
      png: await renderIcon(svg, size),
    })),
  )
  const largest = icons.at(-1)
  if (largest === undefined) throw new Error('no icon sizes')
  return [...icons, { file: 'icon.png', png: largest.png }]
}

async function main(): Promise<void> {
  const resources = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../resources')
  const rendered = await renderIcons(await readFile(path.join(resources, 'icon.svg')))
  for (const { file, png } of rendered) {
    await mkdir(path.dirname(path.join(resources, file)), { recursive: true })
    await writeFile(path.join(resources, file), png)
    console.log(`resources/${file}  ${(png.length / 1024).toFixed(1)} KB`)
  }
}

if (
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  await main()
}
