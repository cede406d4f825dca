/**
 * Writes a contact sheet of the demo dataset (one row per emotion, the first N train faces of
 * each) so a person can check the faces read as their expressions:
 *
 *   npx tsx scripts/renderDemoSheet.ts [out.png] [--per-class 8] [--scale 3] [--seed 2013]
 *                                      [--only fear,surprise]
 */
import type { OverlayOptions } from 'sharp'
import sharp from 'sharp'

import { EMOTIONS } from '../shared/domain/emotion'
import {
  DEMO_DEFAULT_SEED,
  DEMO_FACE_SIZE,
  generateDemoFaces,
} from '../electron/demo/generateDemoFaces'

const LABEL_WIDTH = 90
const GAP = 4

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name)
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} needs a positive number`)
  return value
}

async function main(): Promise<void> {
  const out =
    process.argv[2] !== undefined && !process.argv[2].startsWith('--')
      ? process.argv[2]
      : '/tmp/demo-faces.png'
  const perClass = option('--per-class', 8)
  const scale = option('--scale', 3)
  const seed = option('--seed', DEMO_DEFAULT_SEED)
  const onlyAt = process.argv.indexOf('--only')
  const classes =
    onlyAt >= 0
      ? EMOTIONS.filter((e) => (process.argv[onlyAt + 1] ?? '').split(',').includes(e))
      : EMOTIONS
  const started = performance.now()
  const faces = generateDemoFaces({ seed })
  const ms = performance.now() - started
  const cell = DEMO_FACE_SIZE * scale
  const width = LABEL_WIDTH + perClass * (cell + GAP)
  const height = classes.length * (cell + GAP)
  const tiles: OverlayOptions[] = []
  const labels: string[] = []
  for (const [row, emotion] of classes.entries()) {
    const chosen = faces
      .filter((f) => f.label === emotion && f.split === 'train')
      .slice(0, perClass)
    for (const [col, face] of chosen.entries()) {
      const input = await sharp(Buffer.from(face.pixels), {
        raw: { width: DEMO_FACE_SIZE, height: DEMO_FACE_SIZE, channels: 1 },
      })
        .resize(cell, cell, { kernel: 'nearest' })
        .png()
        .toBuffer()
      tiles.push({ input, left: LABEL_WIDTH + col * (cell + GAP), top: row * (cell + GAP) })
    }
    labels.push(
      `<text x="8" y="${row * (cell + GAP) + cell / 2 + 6}" font-family="sans-serif" font-size="18" fill="#fff">${emotion}</text>`,
    )
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${labels.join('')}</svg>`
  tiles.push({ input: Buffer.from(svg), left: 0, top: 0 })
  await sharp({ create: { width, height, channels: 3, background: '#202428' } })
    .composite(tiles)
    .png({ compressionLevel: 9 })
    .toFile(out)
  console.log(`${faces.length} faces generated in ${ms.toFixed(0)} ms; sheet written to ${out}`)
}

await main()
