import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import sharp from 'sharp'
import { describe, expect, it } from 'vitest'

import { EMOTIONS, EMOTION_COLORS } from '../shared/domain/emotion'
import { ICON_SIZES, renderIcon, renderIcons } from './renderIcons'

const RESOURCES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../resources')
const readSvg = () => readFile(path.join(RESOURCES, 'icon.svg'))

describe('the app icon', () => {
  it('renders at each size, square, with transparent corners and an opaque face', async () => {
    const svg = await readSvg()
    for (const size of [16, 256]) {
      const { data, info } = await sharp(await renderIcon(svg, size))
        .raw()
        .toBuffer({ resolveWithObject: true })
      expect([info.width, info.height, info.channels]).toEqual([size, size, 4])
      const alpha = (x: number, y: number) => data[(y * size + x) * 4 + 3]
      expect(alpha(0, 0)).toBe(0)
      expect(alpha(size / 2, size / 2)).toBe(255)
    }
  })

  it('is committed at every size the packages take, as rendered from the SVG', async () => {
    const rendered = await renderIcons(await readSvg())
    expect(rendered.map((r) => r.file)).toEqual([
      ...ICON_SIZES.map((s) => `icons/${s}x${s}.png`),
      'icon.png',
    ])
    for (const { file, png } of rendered) {
      const committed = await sharp(path.join(RESOURCES, file)).metadata()
      const fresh = await sharp(png).metadata()
      expect([committed.width, committed.height], file).toEqual([fresh.width, fresh.height])
    }
  })

  it('rings the face with the seven emotion colours in FER2013 order', async () => {
    const svg = (await readSvg()).toString('utf8')
    const ring = [...svg.matchAll(/<circle[^>]*stroke="(#[0-9a-f]{6})"/g)].map((m) => m[1])
    expect(ring).toEqual(EMOTIONS.map((e) => EMOTION_COLORS[e]))
  })
})
