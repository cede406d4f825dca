import type { Migration } from './migration'

/**
 * The whole first schema: the dataset store (issue: foundation) and the tables training and
 * evaluation write (runs, per-epoch metrics and matrices, per-face predictions), designed together
 * so the Faces grid can filter and sort on predictions with one query.
 *
 * Labels are stored as FER2013 indices (0..6, `shared/domain/emotion.ts`); splits as their names.
 */
export const migration0001: Migration = {
  version: 1,
  name: 'initial-schema',
  up: (db) => {
    db.exec(`
      CREATE TABLE datasets (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        source_path TEXT,
        face_size INTEGER NOT NULL DEFAULT 48,
        created_at INTEGER NOT NULL,
        has_ferplus INTEGER NOT NULL DEFAULT 0
      );

      CREATE TABLE faces (
        id INTEGER PRIMARY KEY,
        dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        split TEXT NOT NULL CHECK (split IN ('train', 'validation', 'test')),
        label INTEGER NOT NULL CHECK (label BETWEEN 0 AND 6),
        original_label INTEGER NOT NULL CHECK (original_label BETWEEN 0 AND 6),
        -- face_size * face_size bytes of 8-bit grayscale, row-major
        pixels BLOB NOT NULL,
        -- hex SHA-1 of pixels: exact duplicates share it
        hash TEXT NOT NULL,
        -- smallest face id of its exact-duplicate group within the dataset; NULL when unique
        duplicate_group INTEGER,
        is_blank INTEGER NOT NULL DEFAULT 0,
        source_file TEXT NOT NULL,
        -- 1-based data row for CSV sources
        source_row INTEGER,
        -- 10 vote counts as a JSON array (FER+ column order), and the FER+ majority emotion
        ferplus_votes TEXT,
        ferplus_majority INTEGER
      );
      CREATE INDEX faces_by_dataset ON faces(dataset_id, id);
      CREATE INDEX faces_by_hash ON faces(dataset_id, hash);
      CREATE INDEX faces_by_source_row ON faces(dataset_id, source_row);

      -- Append-only: undo and redo are new rows, never deletions.
      CREATE TABLE label_changes (
        id INTEGER PRIMARY KEY,
        dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        face_id INTEGER NOT NULL REFERENCES faces(id) ON DELETE CASCADE,
        batch_id INTEGER NOT NULL,
        from_label INTEGER NOT NULL,
        to_label INTEGER NOT NULL,
        actor TEXT NOT NULL,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('set', 'undo', 'redo'))
      );
      CREATE INDEX label_changes_by_face ON label_changes(face_id, id);
      CREATE INDEX label_changes_by_dataset ON label_changes(dataset_id, id);

      CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        status TEXT NOT NULL,
        -- JSON TrainingConfig (shared/domain/training.ts)
        config TEXT NOT NULL,
        backend TEXT,
        threads INTEGER,
        created_at INTEGER NOT NULL,
        started_at INTEGER,
        finished_at INTEGER,
        epochs_done INTEGER NOT NULL DEFAULT 0,
        best_epoch INTEGER,
        best_val_accuracy REAL,
        -- folder holding the run's best model, its last checkpoint and its dataset snapshot
        run_dir TEXT,
        error TEXT
      );
      CREATE INDEX runs_by_dataset ON runs(dataset_id, id);

      CREATE TABLE run_epochs (
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        epoch INTEGER NOT NULL,
        -- JSON EpochLogs, and the validation confusion matrix (7x7 JSON) after the epoch
        logs TEXT NOT NULL,
        confusion TEXT,
        PRIMARY KEY (run_id, epoch)
      ) WITHOUT ROWID;

      CREATE TABLE run_batches (
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        step INTEGER NOT NULL,
        -- JSON BatchLogs
        logs TEXT NOT NULL,
        PRIMARY KEY (run_id, step)
      ) WITHOUT ROWID;

      CREATE TABLE evaluations (
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        split TEXT NOT NULL,
        -- JSON EvaluationResult
        result TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (run_id, split)
      ) WITHOUT ROWID;

      -- The latest prediction of a run for each face it evaluated. p0..p6 are the softmax
      -- probabilities, so "probability of the current label" is a plain expression in SQL.
      CREATE TABLE predictions (
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        face_id INTEGER NOT NULL REFERENCES faces(id) ON DELETE CASCADE,
        predicted INTEGER NOT NULL,
        confidence REAL NOT NULL,
        p0 REAL NOT NULL, p1 REAL NOT NULL, p2 REAL NOT NULL, p3 REAL NOT NULL,
        p4 REAL NOT NULL, p5 REAL NOT NULL, p6 REAL NOT NULL,
        PRIMARY KEY (run_id, face_id)
      ) WITHOUT ROWID;
      CREATE INDEX predictions_by_face ON predictions(face_id);
    `)
  },
}
