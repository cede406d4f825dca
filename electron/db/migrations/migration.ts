import type Database from 'better-sqlite3'

/** One schema step, applied once, in order of `version`, inside a transaction. */
export type Migration = Readonly<{
  version: number
  name: string
  up: (db: Database.Database) => void
}>
