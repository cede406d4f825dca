import type { Migration } from './migration'

/**
 * A covering index for the Faces grid and the dataset counts. A face row carries its 2 KB of
 * pixels, so scanning the table reads one page per face; every column the filters, counts and
 * duplicate summaries touch is in this index instead, and `faces.query` never reads the table.
 */
export const migration0002: Migration = {
  version: 2,
  name: 'face-grid-index',
  up: (db) => {
    db.exec(`
      CREATE INDEX faces_grid ON faces(
        dataset_id, label, split, original_label, duplicate_group, is_blank, ferplus_majority
      );
    `)
  },
}
