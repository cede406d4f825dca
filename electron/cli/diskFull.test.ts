import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { openDatabase } from '../db/openDatabase'
import { storeFingerprint } from '../importers/storeFixtures.testUtil'
import { databasePath } from '../services/dataDir'
import { seedDataset } from '../training/main/trainerFixtures.testUtil'
import type { CliIo } from './cliIo'
import { runCli } from './main'

/**
 * A really full disk: a 4 MB tmpfs, filled up. Mounting needs root (CAP_SYS_ADMIN); where that
 * is not allowed the test is skipped (the max_page_count tests beside the services cover the
 * SQLite side everywhere).
 */
let dir: string
let disk: string
let mounted = false
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fer-diskfull-'))
  disk = path.join(dir, 'disk')
  fs.mkdirSync(disk)
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', disk], { stdio: 'ignore' })
    mounted = true
  } catch {
    mounted = false
  }
})
afterAll(() => {
  // Lazily: a connection a failed assertion left open must not keep the mount.
  if (mounted) execFileSync('umount', ['-l', disk])
  fs.rmSync(dir, { recursive: true, force: true })
})

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const io: CliIo = {
    out: (text) => void (out += text),
    err: (text) => void (err += text),
    progressStream: null,
    env: { HOME: dir },
  }
  const code = await runCli(['node', 'fer-studio', ...args], io)
  return { code, out, err }
}

/** Writes to a file on the disk until no byte more fits. */
function fillDisk(file: string): void {
  const fd = fs.openSync(file, 'w')
  const buffer = Buffer.alloc(1 << 20)
  let chunk = buffer.length
  while (chunk >= 1) {
    try {
      fs.writeSync(fd, buffer, 0, chunk)
    } catch {
      chunk >>= 1
    }
  }
  fs.closeSync(fd)
}

describe('a full disk', () => {
  it('ends import, relabel and train with DISK_FULL (exit 5), no run left queued, the store intact', async (ctx) => {
    if (!mounted) ctx.skip()
    const dataDir = path.join(disk, 'data')
    fs.mkdirSync(dataDir)
    const at = ['--data-dir', dataDir]
    // Open beside the CLI, as the studio would be: the store's WAL index stays in place, so the
    // commands get as far as writing (SQLITE_FULL, ENOSPC) rather than failing to open.
    const studio = openDatabase(databasePath(dataDir))
    seedDataset(studio, { train: 2, validation: 1 }, 'faces')
    const before = storeFingerprint(studio)
    studio.pragma('wal_checkpoint(TRUNCATE)')
    const csv = path.join(dir, 'more.csv')
    fs.writeFileSync(
      csv,
      `emotion,pixels,Usage\n${`3,${'7 '.repeat(2303)}7,Training\n`.repeat(50)}`,
    )
    const filler = path.join(disk, 'filler')
    fillDisk(filler)

    const results = {
      relabel: await cli(['relabel', '1', '--label', 'happy', ...at]),
      import: await cli(['import', csv, '--name', 'more', ...at]),
      train: await cli(
        ['train', '--dataset', 'faces', '--model', 'tiny-cnn', '--epochs', '1'].concat(
          ['--backend', 'wasm', '--threads', '1', '--augment', 'none'],
          at,
        ),
      ),
    }
    for (const result of Object.values(results)) {
      expect(result.code).toBe(5)
      expect(result.err).toMatch(/The disk is full.*free some space/)
      expect(result.err).not.toMatch(/\n\s+at /)
    }
    // Reading needs no space.
    const listed = await cli(['datasets', '--json', ...at])
    expect(listed.code).toBe(0)
    expect(JSON.parse(listed.out)).toMatchObject([{ name: 'faces' }])

    // Room for a few pages but not for the run's dataset snapshot (21 faces, 48 KB).
    fs.truncateSync(filler, fs.statSync(filler).size - 24 * 1024)
    const train = await cli(
      ['train', '--dataset', 'faces', '--model', 'tiny-cnn', '--epochs', '1'].concat(
        ['--backend', 'wasm', '--threads', '1', '--augment', 'none'],
        at,
      ),
    )
    expect(train.code).toBe(5)
    expect(train.err).toMatch(/The disk is full/)

    studio.close()
    fs.rmSync(filler)
    // No run exists (none stuck as queued), no staging file or run folder is left behind.
    const runs = await cli(['runs', '--json', ...at])
    expect(runs).toMatchObject({ code: 0, out: '[]\n' })
    expect(
      fs.existsSync(path.join(dataDir, 'runs')) ? fs.readdirSync(path.join(dataDir, 'runs')) : [],
    ).toEqual([])
    expect(
      fs.existsSync(path.join(dataDir, 'tmp')) ? fs.readdirSync(path.join(dataDir, 'tmp')) : [],
    ).toEqual([])
    const db = openDatabase(databasePath(dataDir))
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(storeFingerprint(db)).toEqual(before)
    db.close()
    // With space again, the same relabel goes through.
    expect(await cli(['relabel', '1', '--label', 'happy', ...at])).toMatchObject({ code: 0 })
  })
})

describe('a disk that fills up mid-training', () => {
  it.skipIf(!fs.existsSync('/dev/full'))(
    'stops the run interrupted with DISK_FULL (exit 5); it resumes once there is room',
    { timeout: 120_000 },
    async () => {
      const dataDir = path.join(dir, 'mid')
      fs.mkdirSync(dataDir)
      const db = openDatabase(databasePath(dataDir))
      seedDataset(db, { train: 2, validation: 1 }, 'faces')
      db.close()
      const at = ['--data-dir', dataDir]
      const fast = [
        '--model',
        'tiny-cnn',
        '--backend',
        'wasm',
        '--threads',
        '1',
        '--augment',
        'none',
      ]
      const training = cli(['train', '--dataset', 'faces', '--epochs', '3', ...fast, ...at])
      // The first checkpoint is written to a device that is always full (ENOSPC from the kernel).
      const tmp = path.join(dataDir, 'runs', '1', 'checkpoint.ckpt.tmp')
      while (!fs.existsSync(path.dirname(tmp))) await new Promise((r) => setTimeout(r, 5))
      fs.symlinkSync('/dev/full', tmp)
      const stopped = await training
      expect(stopped.code).toBe(5)
      expect(stopped.err).toMatch(/Run 1 stopped: The disk is full.*train --resume 1/)
      expect(stopped.err).not.toMatch(/\n\s+at /)
      fs.rmSync(tmp)
      const resumed = await cli(['train', '--resume', '1', '--json', ...at])
      expect(resumed.code).toBe(0)
      expect(JSON.parse(resumed.out)).toMatchObject({ run: { status: 'completed', epochsDone: 3 } })
    },
  )
})
