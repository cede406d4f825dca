import type { Migration } from './migration'

/**
 * Label-noise suspects: jobs (k-fold out-of-fold predictions + confident learning), their fold
 * runs, every covered face with its fold, given label, out-of-fold probabilities and, for
 * suspects, the suggestion; reviews (kept or accepted) so a reviewed face never comes back; and
 * where a label change came from, so history can say "accepted suggestion".
 */
export const migration0006: Migration = {
  version: 6,
  name: 'suspects',
  up: (db) => {
    db.exec(`
      ALTER TABLE label_changes ADD COLUMN source TEXT NOT NULL DEFAULT 'manual'
        CHECK (source IN ('manual', 'suggestion'));

      CREATE TABLE suspect_jobs (
        id INTEGER PRIMARY KEY,
        dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        status TEXT NOT NULL,
        folds INTEGER NOT NULL,
        -- JSON TrainingConfig of every fold model
        config TEXT NOT NULL,
        ranking TEXT NOT NULL,
        seed INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        finished_at INTEGER,
        current_fold INTEGER,
        -- JSON NoiseEstimate and FerPlusCheck (shared/domain/suspects.ts), once completed
        noise TEXT,
        ferplus TEXT,
        error TEXT
      );
      CREATE INDEX suspect_jobs_by_dataset ON suspect_jobs(dataset_id, id);

      CREATE TABLE suspect_folds (
        job_id INTEGER NOT NULL REFERENCES suspect_jobs(id) ON DELETE CASCADE,
        fold INTEGER NOT NULL,
        run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL,
        done INTEGER NOT NULL DEFAULT 0,
        elapsed_ms REAL NOT NULL DEFAULT 0,
        PRIMARY KEY (job_id, fold)
      ) WITHOUT ROWID;
      CREATE INDEX suspect_folds_by_run ON suspect_folds(run_id);

      CREATE TABLE suspect_faces (
        job_id INTEGER NOT NULL REFERENCES suspect_jobs(id) ON DELETE CASCADE,
        face_id INTEGER NOT NULL REFERENCES faces(id) ON DELETE CASCADE,
        fold INTEGER NOT NULL,
        given INTEGER NOT NULL,
        -- out-of-fold probabilities, once the face's fold is done
        p0 REAL, p1 REAL, p2 REAL, p3 REAL, p4 REAL, p5 REAL, p6 REAL,
        -- set for suspects only: rank 1 = most likely wrong
        rank INTEGER,
        suggested INTEGER,
        suggested_p REAL,
        score REAL,
        PRIMARY KEY (job_id, face_id)
      ) WITHOUT ROWID;
      CREATE INDEX suspect_faces_by_rank ON suspect_faces(job_id, rank) WHERE rank IS NOT NULL;

      CREATE TABLE suspect_reviews (
        face_id INTEGER PRIMARY KEY REFERENCES faces(id) ON DELETE CASCADE,
        dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        decision TEXT NOT NULL CHECK (decision IN ('kept', 'accepted')),
        job_id INTEGER,
        at INTEGER NOT NULL
      );
      CREATE INDEX suspect_reviews_by_dataset ON suspect_reviews(dataset_id);
    `)
  },
}
