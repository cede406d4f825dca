import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { StudioFailure } from '../../shared/transport/envelope'
import { openDatabase } from './openDatabase'
import { asStorageFailure, storageFailure } from './storageFaults'

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fer-faults-'))
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

/** What `fn` throws. */
function thrown(fn: () => unknown): unknown {
  try {
    fn()
  } catch (err) {
    return err
  }
  throw new Error('expected a throw')
}

describe('storageFailure', () => {
  it('calls SQLite running out of pages (SQLITE_FULL) a full disk', () => {
    const db = openDatabase(path.join(dir, 'studio.db'))
    db.exec('CREATE TABLE filler (x BLOB)')
    const pages = db.pragma('page_count', { simple: true }) as number
    db.pragma(`max_page_count = ${pages}`)
    const err = thrown(() => db.prepare('INSERT INTO filler VALUES (zeroblob(100000))').run())
    db.close()
    const failure = storageFailure(err, dir)
    expect(failure?.code).toBe('DISK_FULL')
    expect(failure?.message).toMatch(/disk is full.*free some space/i)
  })

  it.skipIf(!fs.existsSync('/dev/full'))('calls ENOSPC from the file system a full disk', () => {
    const err = thrown(() => fs.writeFileSync('/dev/full', 'x'))
    expect(storageFailure(err, dir)).toMatchObject({ code: 'DISK_FULL' })
  })

  it('calls a write through a read-only connection READ_ONLY, naming the data folder', () => {
    const file = path.join(dir, 'studio.db')
    openDatabase(file).close()
    const db = new Database(file, { readonly: true })
    const err = thrown(() => db.exec('CREATE TABLE t (x)'))
    db.close()
    const failure = storageFailure(err, dir)
    expect(failure?.code).toBe('READ_ONLY')
    expect(failure?.message).toContain(`The data folder ${dir} is read-only`)
  })

  it('calls permission errors READ_ONLY only inside the data folder', () => {
    const denied = (file: string) =>
      Object.assign(new Error(`EACCES: permission denied, open '${file}'`), {
        code: 'EACCES',
        path: file,
      })
    expect(storageFailure(denied(path.join(dir, 'tmp', 'x.db')), dir)?.code).toBe('READ_ONLY')
    expect(storageFailure(denied('/elsewhere/faces.csv'), dir)).toBeNull()
  })

  it('calls a lock held past the busy timeout a CONFLICT, and leaves other errors alone', () => {
    const file = path.join(dir, 'studio.db')
    const a = openDatabase(file)
    const b = new Database(file, { timeout: 10 })
    a.exec('BEGIN IMMEDIATE')
    const err = thrown(() => b.exec('BEGIN IMMEDIATE'))
    a.exec('ROLLBACK')
    a.close()
    b.close()
    expect(storageFailure(err, dir)?.code).toBe('CONFLICT')
    const bug = new TypeError('x is undefined')
    expect(storageFailure(bug, dir)).toBeNull()
    expect(asStorageFailure(bug, dir)).toBe(bug)
    const known = new StudioFailure('NOT_FOUND', 'no such face')
    expect(asStorageFailure(known, dir)).toBe(known)
  })
})
