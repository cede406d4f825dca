import type { Migration } from './migration'

type BatchRow = { batch_id: number; dataset_id: number; kind: string; actor: string; at: number }

/**
 * One row per label batch, naming the step (the 'set' batch) it sets, undoes or redoes, so the
 * undo and redo stacks are derived from what is stored (queries/labelBatches.ts) instead of kept
 * in memory; an undo that finds nothing left to change is still recorded. Earlier history is
 * backfilled by replaying it through the stacks the service used to keep.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'label-batches',
  up: (db) => {
    db.exec(`
      CREATE TABLE label_batches (
        id INTEGER PRIMARY KEY,
        dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('set', 'undo', 'redo')),
        step_id INTEGER NOT NULL,
        actor TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX label_batches_by_step ON label_batches(dataset_id, step_id, id);
    `)
    const batches = db
      .prepare<[], BatchRow>(
        `SELECT batch_id, dataset_id, kind, MIN(actor) AS actor, MIN(at) AS at
         FROM label_changes GROUP BY batch_id ORDER BY batch_id`,
      )
      .all()
    const insert = db.prepare(
      'INSERT INTO label_batches (id, dataset_id, kind, step_id, actor, at) VALUES (?, ?, ?, ?, ?, ?)',
    )
    const stacks = new Map<number, { undo: number[]; redo: number[] }>()
    for (const b of batches) {
      let s = stacks.get(b.dataset_id)
      if (!s) stacks.set(b.dataset_id, (s = { undo: [], redo: [] }))
      let step = b.batch_id
      if (b.kind === 'set') {
        s.undo.push(step)
        s.redo = []
      } else if (b.kind === 'undo') {
        step = s.undo.pop() ?? step
        s.redo.push(step)
      } else {
        step = s.redo.pop() ?? step
        s.undo.push(step)
      }
      insert.run(b.batch_id, b.dataset_id, b.kind, step, b.actor, b.at)
    }
  },
}
