import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { applyMigrations, getUserVersion } from './migrate'
import { MIGRATIONS } from './migrations/index'
import type { Migration } from './migrations/migration'
import { openDatabase } from './openDatabase'

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fer-db-'))
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

describe('openDatabase', () => {
  it('opens in WAL mode with foreign keys, a busy timeout and every migration applied, idempotently', () => {
    const file = path.join(dir, 'studio.db')
    const db = openDatabase(file)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0)
    expect(getUserVersion(db)).toBe(MIGRATIONS.length)
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all()
    expect(tables).toEqual(
      expect.arrayContaining(['datasets', 'faces', 'label_changes', 'runs', 'predictions']),
    )
    db.close()
    const again = openDatabase(file)
    expect(getUserVersion(again)).toBe(MIGRATIONS.length)
    again.close()
  })

  it('cascades a dataset delete to its faces (foreign keys are on)', () => {
    const db = openDatabase(':memory:')
    db.prepare(
      "INSERT INTO datasets (id, name, source, created_at) VALUES (1, 'd', 'demo', 0)",
    ).run()
    db.prepare(
      "INSERT INTO faces (dataset_id, split, label, original_label, pixels, hash, source_file) VALUES (1, 'train', 0, 0, x'00', 'h', 'f')",
    ).run()
    db.prepare('DELETE FROM datasets WHERE id = 1').run()
    expect(db.prepare('SELECT COUNT(*) FROM faces').pluck().get()).toBe(0)
    db.close()
  })
})

describe('applyMigrations', () => {
  const step = (version: number, sql: string): Migration => ({
    version,
    name: `m${version}`,
    up: (db) => db.exec(sql),
  })

  it('applies only newer steps, each in its own transaction: a failing step leaves the last good version', () => {
    const db = new Database(':memory:')
    applyMigrations(db, [step(1, 'CREATE TABLE a (x)')])
    expect(getUserVersion(db)).toBe(1)
    expect(() =>
      applyMigrations(db, [
        step(1, 'CREATE TABLE a (x)'),
        step(2, 'CREATE TABLE b (x)'),
        step(3, 'CREATE TABLE c (x); SELECT nope FROM nowhere'),
      ]),
    ).toThrow(/no such table/)
    expect(getUserVersion(db)).toBe(2)
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'c'").get()).toBeUndefined()
    db.close()
  })

  it('refuses a file from a newer studio and misnumbered migrations', () => {
    const db = new Database(':memory:')
    db.pragma('user_version = 9')
    expect(() => applyMigrations(db, [step(1, 'SELECT 1')])).toThrow(/newer version of FER Studio/)
    expect(() => applyMigrations(new Database(':memory:'), [step(2, 'SELECT 1')])).toThrow(
      /numbered 1, 2, 3/,
    )
    db.close()
  })
})
