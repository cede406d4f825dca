import type { Migration } from './migration'

/**
 * Exclusion as a status beside the label: `faces.excluded` holds the reason (NULL when the face is
 * included). Exclusions are history like relabels: a `label_changes` row of field 'exclusion'
 * keeps the label (from = to) and records the reason before and after, in the same batches, so
 * undo and redo cover both. The grid index gains the column so counts and filters stay index-only.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'face-exclusions',
  up: (db) => {
    db.exec(`
      ALTER TABLE faces ADD COLUMN excluded TEXT
        CHECK (excluded IN ('not-a-face', 'duplicate', 'other'));
      ALTER TABLE label_changes ADD COLUMN field TEXT NOT NULL DEFAULT 'label'
        CHECK (field IN ('label', 'exclusion'));
      ALTER TABLE label_changes ADD COLUMN from_excluded TEXT;
      ALTER TABLE label_changes ADD COLUMN to_excluded TEXT;
      DROP INDEX faces_grid;
      CREATE INDEX faces_grid ON faces(
        dataset_id, label, split, original_label, duplicate_group, is_blank, ferplus_majority,
        excluded
      );
    `)
  },
}
