import type { Migration } from './migration'

/**
 * How many data rows the file a dataset was imported from had (FER2013 CSV imports), rejected rows
 * included. FER+ votes attach row by row, so a votes file must have exactly this many rows: one row
 * more or less would shift every face after it onto its neighbour's votes. NULL for datasets
 * imported before it was recorded, and for sources without rows.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'dataset-source-rows',
  up: (db) => {
    db.exec('ALTER TABLE datasets ADD COLUMN source_rows INTEGER')
  },
}
