import type Database from 'better-sqlite3'

import type { Migration } from './migrations/migration'

/** The schema version recorded in the file (SQLite's `PRAGMA user_version`). */
export function getUserVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number
}

/**
 * Applies, in order, every migration newer than the file's `user_version`, each in its own
 * transaction that also bumps `user_version`, so a failing step leaves the file at the last good
 * version. Refuses a file written by a newer studio rather than guessing at its schema.
 */
export function applyMigrations(db: Database.Database, migrations: readonly Migration[]): void {
  const ordered = [...migrations].sort((a, b) => a.version - b.version)
  ordered.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(
        `Migrations must be numbered 1, 2, 3...; found ${m.version} at position ${i + 1}`,
      )
    }
  })
  const current = getUserVersion(db)
  const latest = ordered.length
  if (current > latest) {
    throw new Error(
      `The database is at schema version ${current} but this studio knows only up to ${latest}; ` +
        'it was written by a newer version of FER Studio.',
    )
  }
  for (const migration of ordered) {
    if (migration.version <= current) continue
    // IMMEDIATE, and the version read again under the lock: two processes opening a new store at
    // once apply each step once, the second waiting for the first.
    db.transaction(() => {
      if (getUserVersion(db) >= migration.version) return
      migration.up(db)
      db.pragma(`user_version = ${migration.version}`)
    }).immediate()
  }
}
