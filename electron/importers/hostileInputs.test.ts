import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { ImportReport } from '../../shared/domain/dataset'
import { StudioFailure } from '../../shared/transport/envelope'
import { importDataset } from './importDataset'
import type { ImportRequest } from './importDataset'
import { MAX_IMAGE_BYTES } from './regularFile'
import {
  createTempStore,
  storeFingerprint,
  testFace,
  writeFaceImage,
} from './storeFixtures.testUtil'
import type { TempStore } from './storeFixtures.testUtil'

/** Inputs made to break the importers: stray quotes, huge rows, pipes, devices, links, odd names. */
let store: TempStore
let inputs: string
beforeEach(() => {
  store = createTempStore()
  inputs = path.join(store.dir, 'inputs')
  fs.mkdirSync(inputs)
})
afterEach(() => store.cleanup())

const posixOnly = it.skipIf(process.platform === 'win32')
const pixels = (seed: number): string => Array.from(testFace(seed)).join(' ')
const importFrom = (
  request: Omit<ImportRequest, 'name'> & { name?: string },
): Promise<ImportReport> =>
  importDataset({ db: store.db, dataDir: store.dir }, { name: 'x', ...request })
const failure = async (request: Omit<ImportRequest, 'name'>): Promise<StudioFailure> => {
  const before = storeFingerprint(store.db)
  const error = await importFrom(request).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(StudioFailure)
  expect(storeFingerprint(store.db)).toEqual(before)
  return error as StudioFailure
}
const reportRows = (report: ImportReport): string[] =>
  fs.readFileSync(report.rejectedReportPath!, 'utf8').trim().split('\n').slice(1)

describe('CSV rows that are not valid CSV', () => {
  it('a stray quote in a cell is INVALID_INPUT naming the file, row and true line', async () => {
    const file = path.join(inputs, 'stray.csv')
    // Empty lines are not rows, but they are lines: the message tells both apart.
    fs.writeFileSync(
      file,
      `emotion,pixels,Usage\n0,${pixels(1)},Training\n\n\n3,1 2"3 4,Training\n0,${pixels(2)},Training\n`,
    )
    const error = await failure({ path: file })
    expect(error.code).toBe('INVALID_INPUT')
    expect(error.message).toBe(
      `${file}, row 2: not valid CSV (line 5): a quote inside an unquoted cell`,
    )
  })

  it('with skipBad keeps every good row after a stray quote, an unclosed quote and a huge row, and reports each bad one', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => `${i % 7},${pixels(i + 1)},Training`)
    rows[4] = `3,1 2"3 4,Training`
    rows[8] = `0,"${pixels(9)},Training`
    rows[13] = `1,${'1 '.repeat(2_200_000)}1,Training`
    const file = path.join(inputs, 'mixed.csv')
    fs.writeFileSync(file, ['emotion,pixels,Usage', ...rows].join('\n') + '\n')
    const report = await importFrom({ path: file, skipBad: true })
    expect(report.imported).toBe(17)
    expect(report.rejected).toBe(3)
    expect(report.rejectedSample.map((r) => [r.row, r.reason])).toEqual([
      [5, 'not valid CSV (line 6): a quote inside an unquoted cell'],
      [9, 'not valid CSV (line 10): a quote that is never closed'],
      [14, 'not valid CSV (line 15): longer than 4 MB'],
    ])
    expect(reportRows(report)).toHaveLength(3)
    const stored = store.db
      .prepare<[number], { source_row: number }>(
        'SELECT source_row FROM faces WHERE dataset_id = ? ORDER BY source_row',
      )
      .all(report.datasetId)
      .map((f) => f.source_row)
    expect(stored).toEqual([1, 2, 3, 4, 6, 7, 8, 10, 11, 12, 13, 15, 16, 17, 18, 19, 20])
  })
})

describe('files that are not regular files', () => {
  posixOnly('a named pipe given as the CSV is refused at once, detected or not', async () => {
    const fifo = path.join(inputs, 'pipe.csv')
    execFileSync('mkfifo', [fifo])
    for (const format of [undefined, 'fer2013-csv', 'manifest'] as const) {
      const error = await failure({ path: fifo, format })
      expect(error.code).toBe('INVALID_INPUT')
      expect(error.message).toMatch(
        /pipe\.csv: not a regular file (or folder )?\(it is a named pipe\)/,
      )
    }
  })

  posixOnly(
    'a pipe, a link to /dev/zero and an oversized file in a class folder are rejected by name',
    async () => {
      const root = path.join(inputs, 'faces')
      await writeFaceImage(path.join(root, 'happy', 'good.png'), testFace(1))
      execFileSync('mkfifo', [path.join(root, 'happy', 'pipe.png')])
      fs.symlinkSync('/dev/zero', path.join(root, 'happy', 'zero.png'))
      // Sparse: no disk is used for the size.
      const big = path.join(root, 'happy', 'big.png')
      fs.writeFileSync(big, '')
      fs.truncateSync(big, MAX_IMAGE_BYTES + 1)

      const error = await failure({ path: root })
      expect(error.message).toMatch(/happy[/\\]big\.png: file is 20\.0 MB, over the 20\.0 MB limit/)

      const report = await importFrom({ path: root, skipBad: true })
      expect(report.imported).toBe(1)
      expect(report.rejectedSample.map((r) => [r.file, r.reason])).toEqual([
        ['happy/big.png', 'file is 20.0 MB, over the 20.0 MB limit for an image'],
        ['happy/pipe.png', 'not a regular file (it is a named pipe)'],
        ['happy/zero.png', 'not a regular file (it is a device)'],
      ])
    },
  )

  posixOnly('a manifest row naming a pipe is rejected, not waited on', async () => {
    const dir = path.join(inputs, 'manifest')
    await writeFaceImage(path.join(dir, 'a.png'), testFace(1))
    execFileSync('mkfifo', [path.join(dir, 'b.png')])
    fs.writeFileSync(path.join(dir, 'list.csv'), 'path,label\na.png,happy\nb.png,sad\n')
    const error = await failure({ path: path.join(dir, 'list.csv') })
    expect(error.message).toMatch(
      /list\.csv, row 2: image 'b\.png': not a regular file \(it is a named pipe\)/,
    )
  })
})

describe('folder layouts', () => {
  posixOnly(
    'follows symlinked class and split folders, reading each real folder once',
    async () => {
      const elsewhere = path.join(inputs, 'elsewhere')
      await writeFaceImage(path.join(elsewhere, 'sad', 'a.png'), testFace(1))
      await writeFaceImage(path.join(elsewhere, 'sad', 'b.png'), testFace(2))
      const root = path.join(inputs, 'faces')
      await writeFaceImage(path.join(root, 'train', 'happy', 'c.png'), testFace(3))
      fs.symlinkSync(path.join(elsewhere, 'sad'), path.join(root, 'train', 'sad'))
      // A second link to the same folder would import its faces twice.
      fs.symlinkSync(path.join(elsewhere, 'sad'), path.join(root, 'train', 'sadness'))
      fs.symlinkSync(path.join(root, 'train'), path.join(root, 'test'))
      const report = await importFrom({ path: root, skipBad: true })
      expect(report.imported).toBe(3)
      expect(report.counts.train).toEqual([0, 0, 0, 1, 2, 0, 0])
      expect(report.rejectedSample.map((r) => [r.file, r.reason])).toEqual([
        ['train/sadness', 'the same folder as train/sad (through a symlink): read once'],
        ['test/happy', 'the same folder as train/happy (through a symlink): read once'],
        ['test/sad', 'the same folder as train/sad (through a symlink): read once'],
        ['test/sadness', 'the same folder as train/sad (through a symlink): read once'],
      ])
    },
  )

  posixOnly('imports an image whose file name is not valid UTF-8 beside the others', async () => {
    const root = path.join(inputs, 'names')
    await writeFaceImage(path.join(root, 'fear', 'plain.png'), testFace(1))
    const png = fs.readFileSync(path.join(root, 'fear', 'plain.png'))
    // "caf\xe9.png" in Latin-1: not UTF-8.
    const latin1 = Buffer.concat([
      Buffer.from(path.join(root, 'fear') + path.sep),
      Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2e, 0x70, 0x6e, 0x67]),
    ])
    fs.writeFileSync(latin1, png)
    const report = await importFrom({ path: root })
    expect(report.imported).toBe(2)
    expect(
      store.db.prepare('SELECT source_file FROM faces ORDER BY source_file').pluck().all(),
    ).toEqual(['fear/caf\uFFFD.png', 'fear/plain.png'])
  })
})
