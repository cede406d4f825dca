import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import sharp from 'sharp'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { importDataset } from './importDataset'
import { createTempStore, testFace, writeFaceImage } from './storeFixtures.testUtil'
import type { TempStore } from './storeFixtures.testUtil'

let store: TempStore
beforeEach(() => {
  store = createTempStore()
})
afterEach(() => store.cleanup())

const sha1 = (bytes: Uint8Array): string => crypto.createHash('sha1').update(bytes).digest('hex')

describe('folder-per-class import', () => {
  it('reads split folders and class folders by synonym and case, in any format, size and colour', async () => {
    const root = path.join(store.dir, 'faces')
    await writeFaceImage(path.join(root, 'Training', 'Happiness', 'a.png'), testFace(1))
    await writeFaceImage(path.join(root, 'Training', 'Happiness', 'b.jpg'), testFace(2), {
      colour: true,
      outputSize: 100,
    })
    await writeFaceImage(path.join(root, 'Training', 'ANGRY', 'c.webp'), testFace(3), {
      outputSize: 64,
    })
    await writeFaceImage(path.join(root, 'PublicTest', 'sadness', 'd.gif'), testFace(4))
    await writeFaceImage(path.join(root, 'test', 'Surprised', 'e.tiff'), testFace(5))
    // Transparency and 16 bits per channel still end up as one 8-bit gray channel.
    const rgba = await sharp({
      create: {
        width: 30,
        height: 40,
        channels: 4,
        background: { r: 200, g: 10, b: 10, alpha: 0.5 },
      },
    })
      .png()
      .toBuffer()
    fs.writeFileSync(path.join(root, 'test', 'Surprised', 'f.png'), rgba)
    const deep = await sharp(Buffer.from(testFace(6)), {
      raw: { width: 48, height: 48, channels: 1 },
    })
      .toColourspace('grey16')
      .png()
      .toBuffer()
    fs.writeFileSync(path.join(root, 'test', 'Surprised', 'g.png'), deep)
    fs.writeFileSync(path.join(root, 'Training', 'Happiness', '.DS_Store'), 'junk')
    fs.writeFileSync(path.join(root, 'Training', 'Happiness', 'Thumbs.db'), 'junk')
    fs.writeFileSync(path.join(root, 'README.txt'), 'files beside the split folders are ignored')

    const progress: [number, number | null][] = []
    const report = await importDataset(
      { db: store.db, dataDir: store.dir },
      {
        path: root,
        name: 'folders',
        onProgress: (phase, done, total) => phase === 'reading' && progress.push([done, total]),
      },
    )
    expect(report.format).toBe('folder')
    expect(report.imported).toBe(7)
    expect(report.counts.train).toEqual([1, 0, 0, 2, 0, 0, 0])
    expect(report.counts.validation).toEqual([0, 0, 0, 0, 1, 0, 0])
    expect(report.counts.test).toEqual([0, 0, 0, 0, 0, 3, 0])
    expect(progress.at(-1)).toEqual([7, 7])

    const faces = store.db
      .prepare('SELECT source_file, split, label, pixels, hash, source_row FROM faces ORDER BY id')
      .all() as {
      source_file: string
      split: string
      label: number
      pixels: Buffer
      hash: string
      source_row: null
    }[]
    // Stable order: split, then class (FER2013 order), then file name.
    expect(faces.map((f) => f.source_file)).toEqual([
      'Training/ANGRY/c.webp',
      'Training/Happiness/a.png',
      'Training/Happiness/b.jpg',
      'PublicTest/sadness/d.gif',
      'test/Surprised/e.tiff',
      'test/Surprised/f.png',
      'test/Surprised/g.png',
    ])
    for (const face of faces) {
      expect(face.pixels.length).toBe(48 * 48)
      expect(face.hash).toBe(sha1(face.pixels))
      expect(face.source_row).toBeNull()
    }
    // A 48x48 gray PNG and a 16-bit PNG keep their exact pixels (sharp's GIF and TIFF writers
    // are lossy by default, so only their size is checked above).
    expect(faces[1]!.hash).toBe(sha1(testFace(1)))
    expect(faces[6]!.hash).toBe(sha1(testFace(6)))
  })

  it('turns an RGB image whose channels are equal into the same gray levels (within rounding)', async () => {
    const root = path.join(store.dir, 'rgb')
    await writeFaceImage(path.join(root, 'happy', 'rgb.png'), testFace(7), { colour: true })
    await importDataset({ db: store.db, dataDir: store.dir }, { path: root, name: 'rgb' })
    const pixels = store.db.prepare('SELECT pixels FROM faces').pluck().get() as Buffer
    const expected = testFace(7)
    const worst = Math.max(...Array.from(pixels, (v, i) => Math.abs(v - (expected[i] ?? 0))))
    expect(worst).toBeLessThanOrEqual(1)
  })

  it('puts everything in train when classes sit at the top, and resizes to the face size asked', async () => {
    const root = path.join(store.dir, 'flat')
    await writeFaceImage(path.join(root, 'fearful', '1.png'), testFace(1))
    await writeFaceImage(path.join(root, 'Disgusted', '2.png'), testFace(2), { outputSize: 90 })
    const report = await importDataset(
      { db: store.db, dataDir: store.dir },
      { path: root, name: 'flat', faceSize: 32 },
    )
    expect(report.counts.train).toEqual([0, 1, 1, 0, 0, 0, 0])
    expect(store.db.prepare('SELECT length(pixels) FROM faces').pluck().all()).toEqual([
      32 * 32,
      32 * 32,
    ])
  })

  it('with skipBad, reports unreadable files and empty class folders and imports the rest', async () => {
    const root = path.join(store.dir, 'mixed')
    await writeFaceImage(path.join(root, 'train', 'happy', 'ok.png'), testFace(1))
    fs.writeFileSync(path.join(root, 'train', 'happy', 'notes.txt'), 'hello')
    fs.mkdirSync(path.join(root, 'train', 'neutral'), { recursive: true })
    const report = await importDataset(
      { db: store.db, dataDir: store.dir },
      { path: root, name: 'mixed', skipBad: true },
    )
    expect(report.imported).toBe(1)
    expect(report.rejectedSample).toEqual([
      { file: 'train/neutral', row: null, reason: 'empty folder: no images in it' },
      {
        file: 'train/happy/notes.txt',
        row: null,
        reason: expect.stringMatching(/^unreadable image: /) as string,
      },
    ])
    expect(
      fs
        .readFileSync(report.rejectedReportPath as string, 'utf8')
        .trim()
        .split('\n'),
    ).toHaveLength(3)
  })

  it('refuses a folder that mixes split folders and class folders', async () => {
    const root = path.join(store.dir, 'both')
    await writeFaceImage(path.join(root, 'train', 'happy', 'a.png'), testFace(1))
    await writeFaceImage(path.join(root, 'sad', 'b.png'), testFace(2))
    await expect(
      importDataset({ db: store.db, dataDir: store.dir }, { path: root, name: 'both' }),
    ).rejects.toThrow(/mixes split folders \(train\) and class folders \(sad\)/)
  })
})
