import fs from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { StudioFailure } from '../../shared/transport/envelope'
import { importDataset } from './importDataset'
import { createTempStore, storeFingerprint, testFace } from './storeFixtures.testUtil'
import type { TempStore } from './storeFixtures.testUtil'

/**
 * A seeded bad-input campaign against the FER2013 CSV reader: files of good rows mixed with rows
 * broken in every way the reader must survive (broken quoting, wrong labels, short pixels, bytes
 * that are not UTF-8), plus oddities that are fine (quoted cells, blank lines, CRLF). Whatever the
 * mix, `skipBad` keeps exactly the good rows under their own row numbers and reports every bad
 * one; without it, the first bad row is named and nothing is stored.
 */
let store: TempStore
beforeAll(() => {
  store = createTempStore()
})
afterAll(() => store.cleanup())

/** mulberry32: a small seeded generator, so a failing seed can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const pixels = (seed: number): string => Array.from(testFace(seed)).join(' ')

/** Ways to break a row; each result is certainly not an importable face. */
const BREAKERS: readonly ((seed: number) => Buffer | string)[] = [
  (s) => `3,${pixels(s).replace(' ', ' 2"3 ')},Training`,
  (s) => `0,"${pixels(s)},Training`,
  (s) => `0,"${pixels(s)}"x,Training`,
  (s) => `${7 + (s % 90)},${pixels(s)},Training`,
  (s) => `1,${pixels(s).replace(/ \d+$/, '')},PublicTest`,
  () => ',,',
  (s) => `2,${pixels(s)},Holdout`,
  (s) => Buffer.concat([Buffer.from(`4,${pixels(s)},Train`), Buffer.from([0xff, 0xfe])]),
  (s) => `5,${pixels(s).replace(/ \d+ /, ' 300 ')},Training`,
]

/** Rows that look odd but are good faces. */
const GOOD: readonly ((seed: number) => string)[] = [
  (s) => `${s % 7},${pixels(s)},Training`,
  (s) => `${s % 7},"${pixels(s)}",PublicTest`,
  (s) => `"${s % 7}",${pixels(s)},"PrivateTest"`,
]

type Campaign = Readonly<{ file: string; good: number[]; bad: number[] }>

function writeCampaign(seed: number, rows: number): Campaign {
  const next = random(seed)
  const eol = next() < 0.5 ? '\n' : '\r\n'
  const parts: Buffer[] = [Buffer.from(`emotion,pixels,Usage${eol}`)]
  const good: number[] = []
  const bad: number[] = []
  for (let row = 1; row <= rows; row++) {
    if (next() < 0.1) parts.push(Buffer.from(eol))
    const faceSeed = seed * 1000 + row
    if (next() < 0.35) {
      const breaker = BREAKERS[Math.floor(next() * BREAKERS.length)]!
      const line = breaker(faceSeed)
      parts.push(Buffer.isBuffer(line) ? line : Buffer.from(line))
      bad.push(row)
    } else {
      parts.push(Buffer.from(GOOD[Math.floor(next() * GOOD.length)]!(faceSeed)))
      good.push(row)
    }
    parts.push(Buffer.from(eol))
  }
  const file = path.join(store.dir, `fuzz-${seed}.csv`)
  fs.writeFileSync(file, Buffer.concat(parts))
  return { file, good, bad }
}

describe('a bad-row campaign against the FER2013 CSV reader', () => {
  it.each([1, 2, 3, 4, 5, 6])(
    'seed %i: skipBad keeps every good row in place and reports every bad one; all-or-nothing names the first',
    async (seed) => {
      const { file, good, bad } = writeCampaign(seed, 40)
      expect(bad.length).toBeGreaterThan(0)
      const deps = { db: store.db, dataDir: store.dir }

      const before = storeFingerprint(store.db)
      const error = await importDataset(deps, { path: file, name: `strict ${seed}` }).catch(
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(StudioFailure)
      expect((error as StudioFailure).code).toBe('INVALID_INPUT')
      expect((error as StudioFailure).message).toContain(`${file}, row ${bad[0]}: `)
      expect(storeFingerprint(store.db)).toEqual(before)

      const report = await importDataset(deps, {
        path: file,
        name: `skip ${seed}`,
        skipBad: true,
      })
      expect(report.imported).toBe(good.length)
      expect(report.rejected).toBe(bad.length)
      const stored = store.db
        .prepare('SELECT source_row FROM faces WHERE dataset_id = ? ORDER BY source_row')
        .pluck()
        .all(report.datasetId)
      expect(stored).toEqual(good)
      const reported = fs
        .readFileSync(report.rejectedReportPath!, 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => Number(line.split(',')[1]))
      expect(reported).toEqual(bad)
    },
  )
})
