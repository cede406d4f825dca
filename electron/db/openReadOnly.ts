import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import Database from 'better-sqlite3'

import { getUserVersion } from './migrate'
import { MIGRATIONS } from './migrations/index'
import type { OpenDatabaseOptions, StudioDb } from './openDatabase'

/** Why a read-only open did not give a usable store: the caller opens it for writing instead. */
export class StoreNeedsWriting extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'StoreNeedsWriting'
  }
}

/**
 * Opens an existing store for reading only: nothing is written to its folder, so it works in a
 * read-only folder too, and any write through it fails with SQLITE_READONLY.
 *
 * A WAL database needs its `-shm` index to be read; when the last writer closed cleanly there is
 * none, and a read-only folder (or a full disk) cannot get one (SQLITE_READONLY_DIRECTORY or SQLITE_CANTOPEN).
 * SQLite's `immutable` open would avoid it, but better-sqlite3 is built without URI filenames, so
 * the fallback reads a private copy of the store (with its `-wal`, if a killed writer left one)
 * in the temp folder, removed again on close.
 *
 * Throws StoreNeedsWriting when the file is missing or its schema is older than this studio's
 * (the caller then opens it normally, which creates or migrates it).
 */
export function openDatabaseReadOnly(file: string, options: OpenDatabaseOptions = {}): StudioDb {
  if (!fs.existsSync(file)) throw new StoreNeedsWriting(`${file} does not exist yet`)
  const binding =
    options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding }
  const db = new Database(file, { readonly: true, fileMustExist: true, ...binding })
  try {
    checkVersion(db, file)
    return db
  } catch (err) {
    db.close()
    if (!isMissingIndex(err)) throw err
  }
  return openCopy(file, binding)
}

/**
 * SQLite could not build the WAL index: no `-shm` and a folder where it cannot create one (or a
 * full disk where it cannot grow one).
 */
function isMissingIndex(err: unknown): boolean {
  const code = (err as { code?: unknown }).code
  return (
    code === 'SQLITE_READONLY_DIRECTORY' ||
    code === 'SQLITE_CANTOPEN' ||
    code === 'SQLITE_IOERR_SHMSIZE'
  )
}

function checkVersion(db: StudioDb, file: string): void {
  db.pragma('foreign_keys = ON')
  const version = getUserVersion(db)
  if (version > MIGRATIONS.length) {
    throw new Error(
      `The database is at schema version ${version} but this studio knows only up to ${MIGRATIONS.length}; ` +
        'it was written by a newer version of FER Studio.',
    )
  }
  if (version < MIGRATIONS.length)
    throw new StoreNeedsWriting(`${file} is at schema version ${version}: it needs upgrading`)
}

function openCopy(file: string, binding: { nativeBinding?: string }): StudioDb {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fer-studio-readonly-'))
  const copy = path.join(dir, 'studio.db')
  try {
    fs.copyFileSync(file, copy)
    if (fs.existsSync(`${file}-wal`)) fs.copyFileSync(`${file}-wal`, `${copy}-wal`)
    const db = new Database(copy, { fileMustExist: true, ...binding })
    try {
      // A copy: a write would be lost, so refuse writes as the real read-only open does.
      db.pragma('query_only = ON')
      checkVersion(db, file)
    } catch (err) {
      db.close()
      throw err
    }
    const close = db.close.bind(db)
    db.close = () => {
      close()
      fs.rmSync(dir, { recursive: true, force: true })
      return db
    }
    return db
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true })
    throw err
  }
}
