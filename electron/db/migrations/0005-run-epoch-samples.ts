import type { Migration } from './migration'

/**
 * What a run's model said, after each epoch, about a small fixed sample of validation faces:
 * Present mode shows those faces changing their predicted label as the epochs advance, from the
 * stored run alone. One row per epoch: the face ids and their probabilities (JSON, ids x 7).
 */
export const migration0005: Migration = {
  version: 5,
  name: 'run-epoch-samples',
  up: (db) => {
    db.exec(`
      CREATE TABLE run_epoch_samples (
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        epoch INTEGER NOT NULL,
        face_ids TEXT NOT NULL,
        probabilities TEXT NOT NULL,
        PRIMARY KEY (run_id, epoch)
      ) WITHOUT ROWID;
    `)
  },
}
