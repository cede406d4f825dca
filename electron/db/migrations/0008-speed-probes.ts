import type { Migration } from './migration'

/**
 * Speed probes: a few seconds of training steps of a preset on random faces, measured before a
 * machine's first run of it, so the Train screen can estimate that run. One row per model,
 * backend asked for ('auto' or a name), threads and input size; a newer probe replaces it.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'speed-probes',
  up: (db) => {
    db.exec(`
      CREATE TABLE speed_probes (
        model TEXT NOT NULL,
        requested_backend TEXT NOT NULL,
        threads INTEGER NOT NULL,
        input_size INTEGER NOT NULL,
        backend TEXT NOT NULL,
        batch_size INTEGER NOT NULL,
        faces_per_second REAL NOT NULL,
        inference_faces_per_second REAL,
        duration_ms REAL NOT NULL,
        measured_at INTEGER NOT NULL,
        PRIMARY KEY (model, requested_backend, threads, input_size)
      ) WITHOUT ROWID;
    `)
  },
}
