import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { RunSummary } from '../../shared/domain/training'
import { openDatabase, type StudioDb } from '../db/openDatabase'
import { storeFingerprint, testFace } from '../importers/storeFixtures.testUtil'
import { databasePath } from '../services/dataDir'
import { seedDataset } from '../training/main/trainerFixtures.testUtil'
import type { CliIo } from './cliIo'
import { runCli } from './main'
import { startCliLoop } from './testing/childCli.testUtil'

/**
 * kill -9 at several points of import, relabel and training, each followed by the checks a user
 * relies on: the store passes integrity_check, no half-imported dataset exists, the label history
 * holds every acknowledged relabel as an unbroken chain, and a killed run reads as interrupted and
 * resumes. Sized to take well under a minute.
 */
const bin = fileURLToPath(new URL('../../bin/fer-studio.js', import.meta.url))
const IMPORT_ROWS = 3000

let dir: string
let dataDir: string
let bigCsv: string
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fer-kill-'))
  dataDir = path.join(dir, 'data')
  fs.mkdirSync(dataDir)
  const db = openDatabase(databasePath(dataDir))
  seedDataset(db, { train: 3, validation: 1 }, 'faces')
  db.close()
  bigCsv = path.join(dir, 'big.csv')
  const rows = Array.from(
    { length: IMPORT_ROWS },
    (_, i) => `${i % 7},${Array.from(testFace(i + 1)).join(' ')},Training`,
  )
  fs.writeFileSync(bigCsv, `emotion,pixels,Usage\n${rows.join('\n')}\n`)
})
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const io: CliIo = {
    out: (text) => void (out += text),
    err: (text) => void (err += text),
    progressStream: null,
    env: { HOME: dir },
  }
  const code = await runCli(['node', 'fer-studio', ...args, '--data-dir', dataDir], io)
  return { code, out, err }
}

const spawnCli = (args: string[]): ChildProcess =>
  spawn(process.execPath, [bin, ...args, '--data-dir', dataDir], { stdio: 'ignore' })

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Polls `test` every 10 ms until it holds (or the child exits, or 30 s pass). */
async function waitFor(test: () => boolean, child?: ChildProcess): Promise<void> {
  for (let i = 0; i < 3000; i++) {
    if (test()) return
    if (child && child.exitCode !== null) throw new Error('the child exited before the kill point')
    await sleep(10)
  }
  throw new Error('timed out waiting for the kill point')
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGKILL')
    await exited
  }
}

/** Runs `fn` on a connection of the test's own, closed afterwards. */
function withDb<T>(fn: (db: StudioDb) => T): T {
  const db = openDatabase(databasePath(dataDir))
  try {
    return fn(db)
  } finally {
    db.close()
  }
}

const count = (db: StudioDb, sql: string, ...params: unknown[]): number =>
  (db.prepare(sql).get(...params) as { n: number }).n

function expectIntact(): void {
  withDb((db) => expect(db.pragma('integrity_check', { simple: true })).toBe('ok'))
}

describe('kill -9', () => {
  it('during imports leaves no half dataset, and their staging files go at the next import', async () => {
    const before = withDb(storeFingerprint)
    const tmp = path.join(dataDir, 'tmp')
    const staged = () => fs.existsSync(tmp) && fs.readdirSync(tmp).some((f) => f.endsWith('.db'))
    for (const [k, delay] of [0, 200, 500].entries()) {
      const child = spawnCli(['import', bigCsv, '--name', `big${k}`])
      await waitFor(staged, child)
      await sleep(delay)
      await kill(child)
      expectIntact()
      withDb((db) => {
        // Killed before its commit: no dataset; after it: the whole dataset, never part of one.
        const faces = count(
          db,
          'SELECT COUNT(*) AS n FROM faces f JOIN datasets d ON d.id = f.dataset_id WHERE d.name = ?',
          `big${k}`,
        )
        expect([0, IMPORT_ROWS]).toContain(faces)
        if (faces === 0) expect(storeFingerprint(db)).toEqual(before)
      })
    }
    const small = path.join(dir, 'small.csv')
    fs.writeFileSync(
      small,
      `emotion,pixels,Usage\n3,${Array.from(testFace(1)).join(' ')},Training\n`,
    )
    expect((await cli(['import', small, '--name', 'small'])).code).toBe(0)
    expect(fs.readdirSync(tmp)).toEqual([])
  })

  it('during relabels keeps every acknowledged one, each face history an unbroken chain', async () => {
    const ids = withDb((db) =>
      (db.prepare('SELECT id FROM faces ORDER BY id LIMIT 28').all() as { id: number }[]).map((f) =>
        String(f.id),
      ),
    )
    const start = withDb((db) => count(db, 'SELECT COALESCE(MAX(id), 0) AS n FROM label_changes'))
    let acknowledged = 0
    for (const delay of [150, 400, 900]) {
      const goFile = path.join(dir, `go-${delay}`)
      const commands = Array.from({ length: 400 }, (_, i) =>
        ['relabel', ...ids, '--label', i % 2 === 0 ? 'sad' : 'happy', '--actor', 'killed'].concat([
          '--data-dir',
          dataDir,
          '--json',
        ]),
      )
      const loop = startCliLoop(dir, goFile, commands)
      await loop.ready
      fs.writeFileSync(goFile, '')
      await sleep(delay)
      const results = await loop.kill()
      expect(results.every((r) => r.code === 0)).toBe(true)
      // A relabel to the label the faces already have writes nothing: only the others count.
      acknowledged += results.filter(
        (r) => (JSON.parse(r.out) as { changes: unknown[] }).changes.length > 0,
      ).length
      expectIntact()
    }
    withDb((db) => {
      const changes = db
        .prepare(
          'SELECT face_id, from_label, to_label, batch_id FROM label_changes WHERE id > ? ORDER BY id',
        )
        .all(start) as { face_id: number; from_label: number; to_label: number; batch_id: number }[]
      expect(new Set(changes.map((c) => c.batch_id)).size).toBeGreaterThanOrEqual(acknowledged)
      const original = new Map(
        (
          db.prepare('SELECT id, original_label AS label FROM faces').all() as {
            id: number
            label: number
          }[]
        ).map((f) => [f.id, f.label]),
      )
      const last = new Map<number, number>()
      for (const c of changes) {
        expect(c.from_label).toBe(last.get(c.face_id) ?? original.get(c.face_id))
        last.set(c.face_id, c.to_label)
      }
      for (const [faceId, label] of last)
        expect(count(db, 'SELECT label AS n FROM faces WHERE id = ?', faceId)).toBe(label)
    })
  })

  it(
    'of a training run, in its first moments or mid-run, leaves it interrupted and resumable',
    { timeout: 180_000 },
    async () => {
      const train = [
        'train',
        '--dataset',
        'faces',
        '--model',
        'tiny-cnn',
        '--backend',
        'wasm',
      ].concat(['--threads', '1', '--batch', '4', '--augment', 'none'])
      const runsNow = async () => {
        const listed = await cli(['runs', '--json'])
        expect(listed.code).toBe(0)
        return JSON.parse(listed.out) as RunSummary[]
      }
      const runCount = () => withDb((db) => count(db, 'SELECT COUNT(*) AS n FROM runs'))

      // As soon as the run exists.
      const first = spawnCli([...train, '--epochs', '2'])
      await waitFor(() => runCount() === 1, first)
      await kill(first)
      expectIntact()
      const [early] = await runsNow()
      expect(early).toMatchObject({ status: 'interrupted' })
      const resumed = await cli(['train', '--resume', String(early?.id), '--json'])
      expect(resumed.code).toBe(0)
      expect(JSON.parse(resumed.out)).toMatchObject({ run: { status: 'completed', epochsDone: 2 } })

      // After its first epoch.
      const epochsOf = (runId: number) =>
        withDb((db) => count(db, 'SELECT COUNT(*) AS n FROM run_epochs WHERE run_id = ?', runId))
      const second = spawnCli([...train, '--epochs', '12'])
      await waitFor(() => runCount() === 2, second)
      // Listing it while its process lives must not call it interrupted.
      expect((await runsNow())[0]).toMatchObject({
        status: expect.stringMatching(/queued|running/),
      })
      const runId = (await runsNow())[0]?.id as number
      await waitFor(() => epochsOf(runId) >= 1, second)
      await kill(second)
      expectIntact()
      const [mid] = await runsNow()
      expect(mid).toMatchObject({ id: runId, status: 'interrupted' })
      expect(mid?.epochsDone).toBeGreaterThanOrEqual(1)
      expect(mid?.epochsDone).toBeLessThan(12)
      // Resumed, it goes on from its checkpoint to the end: every epoch once, in order.
      const finished = await cli(['train', '--resume', String(runId), '--json'])
      expect(finished.code).toBe(0)
      expect(JSON.parse(finished.out)).toMatchObject({
        run: { status: 'completed', epochsDone: 12 },
      })
      expectIntact()
      const epochs = withDb((db) =>
        (
          db.prepare('SELECT epoch FROM run_epochs WHERE run_id = ? ORDER BY epoch').all(runId) as {
            epoch: number
          }[]
        ).map((e) => e.epoch),
      )
      expect(epochs).toEqual(Array.from({ length: 12 }, (_, i) => i + 1))
    },
  )
})
