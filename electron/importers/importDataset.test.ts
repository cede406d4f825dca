import fs from 'node:fs'
import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { ImportPhase } from '../../shared/domain/dataset'
import { StudioFailure } from '../../shared/transport/envelope'
import { importDataset } from './importDataset'
import {
  createTempStore,
  faceTriples,
  storeFingerprint,
  testFace,
  writeFer2013Csv,
} from './storeFixtures.testUtil'
import type { TempStore } from './storeFixtures.testUtil'

let store: TempStore
beforeEach(() => {
  store = createTempStore()
})
afterEach(() => store.cleanup())

const deps = (): { db: TempStore['db']; dataDir: string } => ({ db: store.db, dataDir: store.dir })

describe('importDataset: FER2013 CSV', () => {
  it('imports every row with labels, Usage splits, source rows and hashes', async () => {
    const file = writeFer2013Csv(path.join(store.dir, 'in', 'fer.csv'), [
      { label: 0, pixels: testFace(1), usage: 'Training' },
      { label: 3, pixels: testFace(2), usage: 'PublicTest' },
      { label: 6, pixels: testFace(3), usage: 'PrivateTest' },
      { label: 3, pixels: testFace(4), usage: 'Training' },
    ])
    const phases: ImportPhase[] = []
    const report = await importDataset(deps(), {
      path: file,
      name: 'fer',
      onProgress: (phase) => phases.push(phase),
    })
    expect(report).toMatchObject({
      name: 'fer',
      format: 'fer2013-csv',
      imported: 4,
      rejected: 0,
      rejectedReportPath: null,
    })
    expect(report.counts.train).toEqual([1, 0, 0, 1, 0, 0, 0])
    expect(report.counts.validation).toEqual([0, 0, 0, 1, 0, 0, 0])
    expect(report.counts.test).toEqual([0, 0, 0, 0, 0, 0, 1])
    expect(phases).toContain('reading')
    expect(phases.slice(-2)).toEqual(['committing', 'done'])
    const faces = store.db
      .prepare(
        'SELECT label, original_label, split, source_file, source_row, pixels, hash FROM faces ORDER BY id',
      )
      .all() as {
      label: number
      original_label: number
      split: string
      source_file: string
      source_row: number
      pixels: Buffer
      hash: string
    }[]
    expect(
      faces.map((f) => [f.label, f.original_label, f.split, f.source_file, f.source_row]),
    ).toEqual([
      [0, 0, 'train', 'fer.csv', 1],
      [3, 3, 'validation', 'fer.csv', 2],
      [6, 6, 'test', 'fer.csv', 3],
      [3, 3, 'train', 'fer.csv', 4],
    ])
    expect(Buffer.compare(faces[1]!.pixels, Buffer.from(testFace(2)))).toBe(0)
    expect(faces[0]!.hash).toMatch(/^[0-9a-f]{40}$/)
    const dataset = store.db.prepare('SELECT * FROM datasets').get() as Record<string, unknown>
    expect(dataset).toMatchObject({
      name: 'fer',
      source: 'fer2013-csv',
      source_path: file,
      face_size: 48,
      has_ferplus: 0,
    })
  })

  it('reads gzipped files, CRLF line ends, and files without Usage (all train)', async () => {
    const rows = [
      { label: 1, pixels: testFace(10) },
      { label: 2, pixels: testFace(11) },
    ]
    const gz = writeFer2013Csv(path.join(store.dir, 'a.csv.gz'), rows, {
      withUsage: false,
      eol: '\r\n',
    })
    const report = await importDataset(deps(), { path: gz, name: 'gz' })
    expect(report.imported).toBe(2)
    expect(report.counts.train).toEqual([0, 1, 1, 0, 0, 0, 0])
    const plain = writeFer2013Csv(path.join(store.dir, 'b.csv'), rows, { withUsage: false })
    const again = await importDataset(deps(), { path: plain, name: 'plain' })
    expect(faceTriples(store.db, again.datasetId)).toEqual(faceTriples(store.db, report.datasetId))
  })

  it('finds exact duplicates, leakage across splits, conflicting labels and blank faces, and keeps them all', async () => {
    const blank = new Uint8Array(48 * 48).fill(128)
    const file = writeFer2013Csv(path.join(store.dir, 'dups.csv'), [
      { label: 3, pixels: testFace(1), usage: 'Training' }, // group A: same label, two splits (leak)
      { label: 3, pixels: testFace(1), usage: 'PublicTest' },
      { label: 0, pixels: testFace(2), usage: 'Training' }, // group B: conflicting labels, one split
      { label: 4, pixels: testFace(2), usage: 'Training' },
      { label: 4, pixels: testFace(2), usage: 'Training' },
      { label: 5, pixels: testFace(3), usage: 'Training' }, // unique
      { label: 6, pixels: blank, usage: 'Training' }, // blank, unique
      { label: 6, pixels: new Uint8Array(48 * 48), usage: 'PrivateTest' }, // blank (black), unique
    ])
    const report = await importDataset(deps(), { path: file, name: 'dups' })
    expect(report.imported).toBe(8)
    expect(report.duplicates).toEqual({
      groups: 2,
      facesInGroups: 5,
      crossSplitGroups: 1,
      conflictingGroups: 1,
      blankFaces: 2,
    })
    const groups = store.db
      .prepare('SELECT id, duplicate_group, is_blank FROM faces ORDER BY id')
      .all()
    expect(groups).toEqual([
      { id: 1, duplicate_group: 1, is_blank: 0 },
      { id: 2, duplicate_group: 1, is_blank: 0 },
      { id: 3, duplicate_group: 3, is_blank: 0 },
      { id: 4, duplicate_group: 3, is_blank: 0 },
      { id: 5, duplicate_group: 3, is_blank: 0 },
      { id: 6, duplicate_group: null, is_blank: 0 },
      { id: 7, duplicate_group: null, is_blank: 1 },
      { id: 8, duplicate_group: null, is_blank: 1 },
    ])
  })

  it('refuses a taken name with CONFLICT and changes nothing', async () => {
    const file = writeFer2013Csv(path.join(store.dir, 'x.csv'), [{ label: 0, pixels: testFace(1) }])
    await importDataset(deps(), { path: file, name: 'taken' })
    const before = storeFingerprint(store.db)
    await expect(importDataset(deps(), { path: file, name: 'taken' })).rejects.toMatchObject({
      code: 'CONFLICT',
    })
    expect(storeFingerprint(store.db)).toEqual(before)
  })

  it('stops when cancelled mid-read: CANCELLED, the store unchanged, no staging file left', async () => {
    const file = writeFer2013Csv(
      path.join(store.dir, 'big.csv'),
      Array.from({ length: 400 }, (_, i) => ({ label: i % 7, pixels: testFace(i) })),
    )
    await importDataset(deps(), { path: file, name: 'kept' })
    const before = storeFingerprint(store.db)
    const controller = new AbortController()
    let readAtCancel = 0
    const importing = importDataset(deps(), {
      path: file,
      name: 'cancelled',
      signal: controller.signal,
      onProgress: (phase, done) => {
        if (phase === 'reading' && done > 0 && !controller.signal.aborted) {
          readAtCancel = done
          controller.abort()
        }
      },
    })
    await expect(importing).rejects.toMatchObject({
      code: 'CANCELLED',
      message: expect.stringMatching(/cancelled; nothing was stored/),
    })
    expect(readAtCancel).toBeGreaterThan(0)
    expect(storeFingerprint(store.db)).toEqual(before)
    expect(fs.readdirSync(path.join(store.dir, 'tmp'))).toEqual([])
  })

  it('reports reading progress without an estimated total: a share of the file that only grows, then the count', async () => {
    const file = writeFer2013Csv(
      path.join(store.dir, 'progress.csv'),
      Array.from({ length: 1100 }, (_, i) => ({ label: i % 7, pixels: testFace(i) })),
    )
    const reading: [number, number | null, number | undefined][] = []
    await importDataset(deps(), {
      path: file,
      name: 'progress',
      onProgress: (phase, done, total, fraction) => {
        if (phase === 'reading') reading.push([done, total, fraction])
      },
    })
    expect(reading.length).toBeGreaterThanOrEqual(5)
    expect(reading.at(-1)).toEqual([1100, 1100, undefined])
    const during = reading.slice(0, -1)
    expect(during.every(([, total]) => total === null)).toBe(true)
    const shares = during.map(([, , fraction]) => fraction as number)
    expect(shares.every((f, i) => f > 0 && f <= 1 && f >= (shares[i - 1] ?? 0))).toBe(true)
  })

  it('with skipBad imports the good rows and writes a report of every rejected one', async () => {
    const file = writeFer2013Csv(path.join(store.dir, 'mixed.csv'), [
      { label: 0, pixels: testFace(1) },
      { label: 9, pixels: testFace(2) },
      { label: 1, pixels: Array.from(testFace(3)).slice(1).join(' ') },
      { label: 2, pixels: testFace(4) },
      { label: 3, pixels: testFace(5), usage: 'Holdout' },
    ])
    const report = await importDataset(deps(), { path: file, name: 'mixed', skipBad: true })
    expect(report.imported).toBe(2)
    expect(report.rejected).toBe(3)
    expect(report.rejectedSample.map((r) => r.row)).toEqual([2, 3, 5])
    expect(report.rejectedReportPath).not.toBeNull()
    const reportPath = report.rejectedReportPath as string
    expect(path.dirname(reportPath)).toBe(path.join(store.dir, 'reports'))
    const lines = fs.readFileSync(reportPath, 'utf8').trim().split('\n')
    expect(lines[0]).toBe('file,row,reason')
    expect(lines).toHaveLength(4)
    expect(lines[1]).toContain(",2,label '9' is not a FER2013 emotion 0..6")
    expect(lines[2]).toContain(',3,"2,303 pixels; expected 2,304 (48x48)"')
    expect(lines[3]).toContain("Usage 'Holdout'")
    // Source rows stay those of the file, so FER+ votes still line up.
    expect(store.db.prepare('SELECT source_row FROM faces ORDER BY id').pluck().all()).toEqual([
      1, 4,
    ])
  })

  it('fails with INVALID_INPUT when skipBad rejects every row, keeping the report', async () => {
    const file = writeFer2013Csv(path.join(store.dir, 'bad.csv'), [
      { label: 8, pixels: testFace(1) },
    ])
    const before = storeFingerprint(store.db)
    const error = await importDataset(deps(), { path: file, name: 'bad', skipBad: true }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(StudioFailure)
    expect((error as StudioFailure).message).toMatch(
      /no faces to import; every input was rejected, see .*rejected\.csv/,
    )
    expect(storeFingerprint(store.db)).toEqual(before)
  })

  it('stores faces at another size when asked (a 32x32 CSV)', async () => {
    const file = writeFer2013Csv(path.join(store.dir, 'small.csv'), [
      { label: 5, pixels: testFace(1, 32) },
    ])
    const report = await importDataset(deps(), { path: file, name: 'small', faceSize: 32 })
    expect(report.imported).toBe(1)
    expect(store.db.prepare('SELECT face_size FROM datasets').pluck().get()).toBe(32)
    expect(fs.readdirSync(path.join(store.dir, 'tmp'))).toEqual([])
  })
})
