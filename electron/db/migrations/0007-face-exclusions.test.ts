import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'

import { applyMigrations } from '../migrate'
import { openDatabase } from '../openDatabase'
import { datasetHistory } from '../queries/labelChanges'
import { MIGRATIONS } from './index'
import { migration0007 } from './0007-face-exclusions'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

describe('migration face-exclusions', () => {
  it('upgrades a store with faces and history: all included, earlier changes are relabels', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fer-mig-excl-'))
    dirs.push(dir)
    const file = path.join(dir, 'studio.db')
    const old = new Database(file)
    applyMigrations(
      old,
      MIGRATIONS.filter((m) => m.version < migration0007.version),
    )
    old.exec(`
      INSERT INTO datasets (id, name, source, created_at) VALUES (1, 'd', 'demo', 0);
      INSERT INTO faces (id, dataset_id, split, label, original_label, pixels, hash, source_file)
        VALUES (1, 1, 'train', 3, 0, x'00', 'a', 'f');
      INSERT INTO label_batches (id, dataset_id, kind, step_id, actor, at)
        VALUES (1, 1, 'set', 1, 'ada', 10);
      INSERT INTO label_changes (dataset_id, face_id, batch_id, from_label, to_label, actor, at, kind)
        VALUES (1, 1, 1, 0, 3, 'ada', 10, 'set');
    `)
    old.close()

    const db = openDatabase(file)
    try {
      expect(db.prepare('SELECT label, excluded FROM faces').all()).toEqual([
        { label: 3, excluded: null },
      ])
      const [change] = datasetHistory(db, 1, 10)
      expect(change).toMatchObject({ from: 'angry', to: 'happy', actor: 'ada' })
      expect(change?.exclusion).toBeUndefined()
      expect(() => db.prepare("UPDATE faces SET excluded = 'ugly' WHERE id = 1").run()).toThrow(
        /CHECK constraint/,
      )
      // The grid's covering index holds the new column: exclusion counts never read a face row.
      const plan = db
        .prepare(
          'EXPLAIN QUERY PLAN SELECT COUNT(*) FROM faces INDEXED BY faces_grid WHERE dataset_id = 1 AND excluded IS NULL',
        )
        .all() as { detail: string }[]
      expect(plan.map((p) => p.detail).join(' ')).toMatch(/COVERING INDEX faces_grid/)
    } finally {
      db.close()
    }
  })
})
