import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'

import { applyMigrations } from '../migrate'
import { openDatabase } from '../openDatabase'
import { undoTargets } from '../queries/labelBatches'
import { migration0001 } from './0001-initial-schema'
import { migration0002 } from './0002-face-grid-index'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

describe('migration 0003 (label batches)', () => {
  it('backfills the steps of earlier history, so its undo and redo carry on after the upgrade', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fer-mig3-'))
    dirs.push(dir)
    const file = path.join(dir, 'studio.db')
    const old = new Database(file)
    applyMigrations(old, [migration0001, migration0002])
    old.exec(`
      INSERT INTO datasets (id, name, source, created_at) VALUES (1, 'd', 'demo', 0);
      INSERT INTO faces (id, dataset_id, split, label, original_label, pixels, hash, source_file)
        VALUES (1, 1, 'train', 0, 0, x'00', 'a', 'f'), (2, 1, 'train', 0, 0, x'00', 'b', 'f');
      INSERT INTO label_changes (dataset_id, face_id, batch_id, from_label, to_label, actor, at, kind)
        VALUES (1, 1, 1, 0, 3, 'ada', 10, 'set'),
               (1, 2, 2, 0, 4, 'bob', 20, 'set'),
               (1, 2, 3, 4, 0, 'bob', 30, 'undo');
    `)
    old.close()

    const db = openDatabase(file)
    try {
      // Batch 3 undid step 2: step 1 is next to undo, step 2 next to redo.
      expect(undoTargets(db, 1)).toEqual({ undo: 1, redo: 2 })
      expect(
        db.prepare('SELECT id, kind, step_id FROM label_batches ORDER BY id').raw().all(),
      ).toEqual([
        [1, 'set', 1],
        [2, 'set', 2],
        [3, 'undo', 2],
      ])
    } finally {
      db.close()
    }
  })
})
