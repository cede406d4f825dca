import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { openDatabase } from '../db/openDatabase'
import { openDatabaseReadOnly } from '../db/openReadOnly'
import { storageFailure } from '../db/storageFaults'
import { databasePath } from '../services/dataDir'
import { runCliLoopsAtOnce, seedStore } from './testing/childCli.testUtil'

/**
 * A read-only data folder. Root ignores permission bits, so as root the commands run in a child
 * process as `nobody`; otherwise in a child process of this user. Either way the folder really
 * cannot be written by the process that opens the store.
 */
const otherUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : null

let dir: string
let dataDir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fer-readonly-'))
  fs.chmodSync(dir, 0o755)
  dataDir = path.join(dir, 'data')
})
afterEach(() => {
  fs.chmodSync(dataDir, 0o755)
  fs.rmSync(dir, { recursive: true, force: true })
})

/** Every file of the folder with a hash of its bytes. */
const folderState = (folder: string): Record<string, string> =>
  Object.fromEntries(
    fs
      .readdirSync(folder)
      .sort()
      .map((name) => [
        name,
        crypto
          .createHash('sha1')
          .update(fs.readFileSync(path.join(folder, name)))
          .digest('hex'),
      ]),
  )

describe('a read-only data folder', () => {
  it('still lists, shows stats, history and runs, and exports; writes fail READ_ONLY (exit 6)', async () => {
    const ids = seedStore(dataDir, 30)
    const db = openDatabase(databasePath(dataDir))
    db.prepare('UPDATE faces SET split = ? WHERE id > ?').run('validation', ids[19])
    db.close()
    const csv = path.join(dir, 'more.csv')
    fs.writeFileSync(csv, `emotion,pixels,Usage\n3,${'7 '.repeat(2303)}7,Training\n`)
    const out = path.join(dir, 'out')
    fs.mkdirSync(out, { mode: 0o777 })
    fs.chmodSync(out, 0o777)
    fs.chmodSync(databasePath(dataDir), 0o444)
    fs.chmodSync(dataDir, 0o555)
    const before = folderState(dataDir)

    const at = ['--data-dir', dataDir]
    const [results] = await runCliLoopsAtOnce(
      dir,
      [
        [
          ['datasets', '--json', ...at],
          ['stats', 'seeded', '--json', ...at],
          ['history', '--dataset', 'seeded', ...at],
          ['runs', '--json', ...at],
          ['export', 'seeded', '--format', 'fer2013-csv', '--out', path.join(out, 'x.csv'), ...at],
          ['relabel', String(ids[0]), '--label', 'happy', ...at],
          ['import', csv, '--name', 'more', ...at],
        ],
      ],
      otherUser,
    )
    const [datasets, stats, history, runs, exported, relabel, imported] = results ?? []
    expect(datasets).toMatchObject({ code: 0, err: '' })
    expect(JSON.parse(datasets?.out ?? '')).toMatchObject([{ name: 'seeded', faceCount: 30 }])
    expect(stats).toMatchObject({ code: 0, err: '' })
    expect(history).toMatchObject({ code: 0, err: '' })
    expect(runs).toMatchObject({ code: 0, out: '[]\n', err: '' })
    expect(exported).toMatchObject({ code: 0, err: '' })
    expect(fs.readFileSync(path.join(out, 'x.csv'), 'utf8').split('\n')).toHaveLength(32)
    for (const write of [relabel, imported]) {
      expect(write?.code).toBe(6)
      expect(write?.err).toContain(`The data folder ${dataDir} is read-only`)
      expect(write?.err).not.toMatch(/\n\s+at /)
    }
    // Nothing was written there: no -wal, no -shm, no tmp folder, the store byte for byte.
    expect(folderState(dataDir)).toEqual(before)
  })
})

describe('openDatabaseReadOnly', () => {
  it('refuses writes with SQLITE_READONLY, which reads as READ_ONLY', () => {
    seedStore(dataDir, 3)
    const db = openDatabaseReadOnly(databasePath(dataDir))
    try {
      expect(db.prepare('SELECT COUNT(*) AS n FROM faces').get()).toEqual({ n: 3 })
      let err: unknown
      try {
        db.prepare('UPDATE faces SET label = 3').run()
      } catch (e) {
        err = e
      }
      expect(storageFailure(err, dataDir)?.code).toBe('READ_ONLY')
    } finally {
      db.close()
    }
  })
})
