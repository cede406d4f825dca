import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { decodeFace } from '../../imaging/decodeFace'
import { BLACK, GRAY, WHITE, threeBandPng } from '../../imaging/threeBandPng.testUtil'

import { readFaceImage } from './predictFiles'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

describe('readFaceImage', () => {
  it('centre-crops a non-square file like imports do, scaled to 0..1', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'predict-'))
    dirs.push(dir)
    const file = path.join(dir, 'wide.png')
    fs.writeFileSync(file, await threeBandPng())
    const input = await readFaceImage(file, 48)
    const middleRow = Array.from(input.subarray(24 * 48, 25 * 48), (v) => Math.round(v * 255))
    expect(middleRow).toEqual([
      ...Array<number>(8).fill(BLACK),
      ...Array<number>(32).fill(WHITE),
      ...Array<number>(8).fill(GRAY),
    ])
    const imported = await decodeFace(file, 48)
    expect(Array.from(input, (v) => Math.round(v * 255))).toEqual(Array.from(imported))
  })
})
