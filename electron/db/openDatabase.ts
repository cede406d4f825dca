import Database from 'better-sqlite3'

import { applyMigrations } from './migrate'
import { MIGRATIONS } from './migrations/index'

/** The store's connection type; query modules take it for reads and writes alike. */
export type StudioDb = Database.Database

/**
 * How long a statement waits for another connection's write lock before failing with SQLITE_BUSY.
 * Kept short on purpose: better-sqlite3 waits synchronously, so a long wait freezes the event loop.
 */
export const BUSY_TIMEOUT_MS = 5_000

export type OpenDatabaseOptions = Readonly<{
  /**
   * better-sqlite3 binary to load instead of node_modules' (added by the shell): the Electron app
   * passes a copy built for Electron's ABI (scripts/electron-native.js) while Node keeps its own.
   */
  nativeBinding?: string
}>

/**
 * Opens (creating if needed) the studio database: WAL journal, foreign keys on, a busy timeout,
 * and every migration in `migrations/index.ts` applied in order. Pass ':memory:' for a throwaway
 * store.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): StudioDb {
  const db = new Database(
    file,
    options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding },
  )
  try {
    db.pragma('journal_mode = WAL')
    // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the
    // last commits, never corrupt the file (https://www.sqlite.org/pragma.html#pragma_synchronous).
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
    applyMigrations(db, MIGRATIONS)
    return db
  } catch (err) {
    db.close()
    throw err
  }
}
