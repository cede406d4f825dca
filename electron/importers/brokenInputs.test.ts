import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { ImportFormat } from '../../shared/domain/dataset'
import { StudioFailure } from '../../shared/transport/envelope'
import { importDataset } from './importDataset'
import {
  createTempStore,
  storeFingerprint,
  testFace,
  writeFaceImage,
  writeFer2013Csv,
} from './storeFixtures.testUtil'
import type { TempStore } from './storeFixtures.testUtil'

/**
 * Every kind of bad input the issue lists: each fails with INVALID_INPUT naming the file, the row
 * or path, and the reason, and the store (which already holds a dataset) is unchanged.
 */
let store: TempStore
let inputs: string
const good = (seed: number): string => Array.from(testFace(seed)).join(' ')

beforeAll(async () => {
  store = createTempStore()
  inputs = path.join(store.dir, 'inputs')
  const existing = writeFer2013Csv(path.join(inputs, 'existing.csv'), [
    { label: 0, pixels: testFace(1) },
    { label: 1, pixels: testFace(2) },
  ])
  await importDataset({ db: store.db, dataDir: store.dir }, { path: existing, name: 'existing' })
})
afterAll(() => store.cleanup())

type Case = Readonly<{
  name: string
  make: () => Promise<string> | string
  format?: ImportFormat
  message: RegExp
}>

const csv = (name: string, text: string): string => {
  const file = path.join(inputs, name)
  fs.writeFileSync(file, text)
  return file
}

const cases: Case[] = [
  {
    name: 'a wrong header',
    make: () => csv('header.csv', `label,image,split\n0,${good(1)},Training\n`),
    format: 'fer2013-csv',
    message: /header\.csv: wrong header: a FER2013 CSV starts with emotion,pixels,Usage/,
  },
  {
    name: 'a wrong header, format detected',
    make: () => csv('header2.csv', `emotions,pixel,usage\n0,${good(1)},Training\n`),
    message:
      /header2\.csv: not a dataset file: its first line is not the header of a FER2013 CSV \(emotion,pixels,Usage\)/,
  },
  {
    name: 'a row with 2,303 pixels',
    make: () =>
      csv(
        'short.csv',
        `emotion,pixels,Usage\n0,${good(1)},Training\n3,${good(2).replace(/^\d+ /, '')},Training\n`,
      ),
    message: /short\.csv, row 2: 2,303 pixels; expected 2,304 \(48x48\)/,
  },
  {
    name: 'a non-numeric pixel',
    make: () =>
      csv('nan.csv', `emotion,pixels,Usage\n0,${good(1).replace(/ \d+ /, ' abc ')},Training\n`),
    message: /nan\.csv, row 1: pixel 2 is 'abc', not an integer 0\.\.255/,
  },
  {
    name: 'a pixel above 255',
    make: () =>
      csv('big.csv', `emotion,pixels,Usage\n0,300 ${good(1).replace(/^\d+ /, '')},Training\n`),
    message: /big\.csv, row 1: pixel 1 is 300, not 0\.\.255/,
  },
  {
    name: 'a label of 9',
    make: () =>
      csv('label.csv', `emotion,pixels,Usage\n0,${good(1)},Training\n9,${good(2)},Training\n`),
    message: /label\.csv, row 2: label '9' is not a FER2013 emotion 0\.\.6/,
  },
  {
    name: 'an unknown Usage',
    make: () => csv('usage.csv', `emotion,pixels,Usage\n0,${good(1)},Holdout\n`),
    message: /usage\.csv, row 1: Usage 'Holdout' is not Training, PublicTest or PrivateTest/,
  },
  {
    name: 'a missing column',
    make: () => csv('columns.csv', `emotion,pixels,Usage\n0,${good(1)},Training\n4\n`),
    message: /columns\.csv, row 2: expected 3 columns, found 1/,
  },
  {
    name: 'a broken quote',
    make: () => csv('quote.csv', `emotion,pixels,Usage\n0,"${good(1)},Training\n`),
    message: /quote\.csv, row 1: not valid CSV \(line 2\): a quote that is never closed/,
  },
  {
    name: 'a file that is not a CSV (a PNG)',
    make: async () => writeFaceImage(path.join(inputs, 'face.csv'), testFace(3)),
    format: 'fer2013-csv',
    message: /face\.csv: not a CSV file \(it is a PNG image\)/,
  },
  {
    name: 'a binary file',
    make: () => {
      const file = path.join(inputs, 'blob.bin')
      fs.writeFileSync(file, Buffer.from([1, 0, 2, 0, 3, 0, 250, 251]))
      return file
    },
    format: 'fer2013-csv',
    message: /blob\.bin: not a CSV file \(it is binary data\)/,
  },
  {
    name: 'an empty file',
    make: () => csv('empty.csv', ''),
    format: 'fer2013-csv',
    message: /empty\.csv: the file is empty/,
  },
  {
    name: 'a truncated gzip file',
    make: () => {
      const file = path.join(inputs, 'cut.csv.gz')
      const rows = Array.from({ length: 40 }, (_, i) => `0,${good(i)},Training`).join('\n')
      const gz = zlib.gzipSync(`emotion,pixels,Usage\n${rows}\n`)
      fs.writeFileSync(file, gz.subarray(0, Math.floor(gz.length * 0.7)))
      return file
    },
    message: /cut\.csv\.gz: damaged or truncated gzip file/,
  },
  {
    name: 'an unreadable image in a class folder',
    make: async () => {
      const root = path.join(inputs, 'unreadable')
      await writeFaceImage(path.join(root, 'happy', 'a.png'), testFace(1))
      fs.writeFileSync(path.join(root, 'happy', 'b.png'), 'not an image at all')
      return root
    },
    message: /unreadable[/\\]happy[/\\]b\.png: unreadable image/,
  },
  {
    name: 'a truncated image',
    make: async () => {
      const root = path.join(inputs, 'truncated')
      const file = await writeFaceImage(path.join(root, 'train', 'sad', 'cut.jpg'), testFace(2), {
        outputSize: 120,
      })
      const bytes = fs.readFileSync(file)
      fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)))
      await writeFaceImage(path.join(root, 'train', 'sad', 'ok.png'), testFace(3))
      return root
    },
    message: /truncated[/\\]train[/\\]sad[/\\]cut\.jpg: unreadable image/,
  },
  {
    name: 'a truncated 48x48 gray PNG',
    make: async () => {
      const root = path.join(inputs, 'truncated-png')
      const file = await writeFaceImage(path.join(root, 'neutral', 'cut.png'), testFace(4))
      const bytes = fs.readFileSync(file)
      fs.writeFileSync(file, bytes.subarray(0, bytes.length - 300))
      return root
    },
    message: /truncated-png[/\\]neutral[/\\]cut\.png: unreadable image/,
  },
  {
    name: 'an empty class folder',
    make: async () => {
      const root = path.join(inputs, 'emptyclass')
      await writeFaceImage(path.join(root, 'angry', 'a.png'), testFace(1))
      fs.mkdirSync(path.join(root, 'fear'), { recursive: true })
      return root
    },
    message: /emptyclass[/\\]fear: empty folder/,
  },
  {
    name: 'an empty folder',
    make: () => {
      const root = path.join(inputs, 'nothing')
      fs.mkdirSync(root, { recursive: true })
      return root
    },
    format: 'folder',
    message: /nothing: empty folder/,
  },
  {
    name: 'an unknown class folder',
    make: async () => {
      const root = path.join(inputs, 'contempt')
      await writeFaceImage(path.join(root, 'Training', 'Happiness', 'a.png'), testFace(1))
      await writeFaceImage(path.join(root, 'Training', 'Contempt', 'b.png'), testFace(2))
      return root
    },
    message: /folder 'Contempt' is not an emotion/,
  },
  {
    name: 'a manifest path escaping its folder',
    make: async () => {
      await writeFaceImage(path.join(inputs, 'outside.png'), testFace(5))
      const dir = path.join(inputs, 'manifest')
      await writeFaceImage(path.join(dir, 'img', 'in.png'), testFace(6))
      fs.writeFileSync(
        path.join(dir, 'list.csv'),
        'path,label\nimg/in.png,happy\n../outside.png,sad\n',
      )
      return path.join(dir, 'list.csv')
    },
    message: /list\.csv, row 2: path '\.\.\/outside\.png' escapes the manifest's folder/,
  },
  {
    name: 'a manifest naming a missing image',
    make: () => {
      const dir = path.join(inputs, 'manifest-missing')
      fs.mkdirSync(dir, { recursive: true })
      fs.writeFileSync(path.join(dir, 'list.csv'), 'path,label,split\nghost.png,fear,train\n')
      return path.join(dir, 'list.csv')
    },
    message: /list\.csv, row 1: image 'ghost\.png' does not exist/,
  },
]

describe('broken inputs', () => {
  it.each(cases)(
    '$name: clear INVALID_INPUT error, store unchanged',
    async ({ make, format, message }) => {
      const target = await make()
      const before = storeFingerprint(store.db)
      const error = await importDataset(
        { db: store.db, dataDir: store.dir },
        { path: target, name: `broken ${path.basename(target)}`, format },
      ).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(StudioFailure)
      expect((error as StudioFailure).code).toBe('INVALID_INPUT')
      expect((error as StudioFailure).message).toMatch(message)
      expect(storeFingerprint(store.db)).toEqual(before)
      expect(before.datasets).toBe(1)
      expect(fs.readdirSync(path.join(store.dir, 'tmp'))).toEqual([])
      expect(fs.existsSync(path.join(store.dir, 'reports'))).toBe(false)
    },
  )
})
