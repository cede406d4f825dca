import type { ClassCounts, DatasetSummary, DuplicateSummary } from '../../../shared/domain/dataset'
import { NO_EXCLUSIONS } from '../../../shared/domain/exclusion'
import type { ExclusionCounts, ExclusionReason } from '../../../shared/domain/exclusion'
import type { DatasetId } from '../../../shared/domain/ids'
import { SPLITS } from '../../../shared/domain/split'
import type { Split } from '../../../shared/domain/split'
import type { StudioDb } from '../openDatabase'

/** A `datasets` row as SQLite returns it. */
export type DatasetRow = {
  id: number
  name: string
  source: string
  source_path: string | null
  face_size: number
  created_at: number
  has_ferplus: number
}

/** A dataset without its counts. */
export type Dataset = Readonly<{
  id: DatasetId
  name: string
  source: string
  sourcePath: string | null
  faceSize: number
  createdAt: number
  hasFerPlus: boolean
}>

export type NewDataset = Readonly<{
  name: string
  source: string
  sourcePath: string | null
  faceSize: number
  createdAt: number
  /** Data rows of the source file, rejected ones included (CSV imports); null otherwise. */
  sourceRows?: number | null
}>

export function toDataset(row: DatasetRow): Dataset {
  return {
    id: row.id as DatasetId,
    name: row.name,
    source: row.source,
    sourcePath: row.source_path,
    faceSize: row.face_size,
    createdAt: row.created_at,
    hasFerPlus: row.has_ferplus !== 0,
  }
}

/** Inserts a dataset row; the UNIQUE name constraint throws when the name is taken. */
export function insertDataset(db: StudioDb, input: NewDataset): DatasetId {
  const result = db
    .prepare(
      `INSERT INTO datasets (name, source, source_path, face_size, created_at, source_rows)
       VALUES (@name, @source, @sourcePath, @faceSize, @createdAt, @sourceRows)`,
    )
    .run({ ...input, sourceRows: input.sourceRows ?? null })
  return Number(result.lastInsertRowid) as DatasetId
}

export function getDataset(db: StudioDb, id: number): Dataset | undefined {
  const row = db.prepare<[number], DatasetRow>('SELECT * FROM datasets WHERE id = ?').get(id)
  return row && toDataset(row)
}

/**
 * How many data rows the dataset's source file had (FER2013 CSV imports), or null when that was
 * not recorded (other sources, and datasets imported before it was).
 */
export function getSourceRows(db: StudioDb, id: number): number | null {
  return (
    db
      .prepare<[number], { source_rows: number | null }>(
        'SELECT source_rows FROM datasets WHERE id = ?',
      )
      .get(id)?.source_rows ?? null
  )
}

export function findDatasetByName(db: StudioDb, name: string): Dataset | undefined {
  const row = db.prepare<[string], DatasetRow>('SELECT * FROM datasets WHERE name = ?').get(name)
  return row && toDataset(row)
}

/** Every dataset, newest first. */
export function listDatasets(db: StudioDb): Dataset[] {
  return db
    .prepare<[], DatasetRow>('SELECT * FROM datasets ORDER BY created_at DESC, id DESC')
    .all()
    .map(toDataset)
}

export function renameDataset(db: StudioDb, id: DatasetId, name: string): void {
  db.prepare('UPDATE datasets SET name = ? WHERE id = ?').run(name, id)
}

/** Deletes a dataset; foreign keys cascade to its faces, label history, runs and predictions. */
export function deleteDataset(db: StudioDb, id: DatasetId): void {
  db.prepare('DELETE FROM datasets WHERE id = ?').run(id)
}

export function setHasFerPlus(db: StudioDb, id: DatasetId, hasFerPlus: boolean): void {
  db.prepare('UPDATE datasets SET has_ferplus = ? WHERE id = ?').run(hasFerPlus ? 1 : 0, id)
}

export type SplitCounts = { train: ClassCounts; validation: ClassCounts; test: ClassCounts }

export function emptySplitCounts(): SplitCounts {
  return {
    train: [0, 0, 0, 0, 0, 0, 0],
    validation: [0, 0, 0, 0, 0, 0, 0],
    test: [0, 0, 0, 0, 0, 0, 0],
  }
}

/** Included (not excluded) faces per split and current label: what training and balance use. */
export function countFaces(db: StudioDb, id: DatasetId): SplitCounts {
  const counts = emptySplitCounts()
  const rows = db
    .prepare<[number], { split: Split; label: number; n: number }>(
      `SELECT split, label, COUNT(*) AS n FROM faces INDEXED BY faces_grid
        WHERE dataset_id = ? AND excluded IS NULL GROUP BY split, label`,
    )
    .all(id)
  for (const row of rows) {
    if (SPLITS.includes(row.split)) counts[row.split][row.label] = row.n
  }
  return counts
}

/**
 * Exact-duplicate findings from the stored `duplicate_group`s, over included faces only (so
 * excluding the extra copies or a blank face resolves its finding); conflicts use current labels,
 * so fixing a label in the grid clears its conflict.
 */
export function summarizeDuplicates(db: StudioDb, id: DatasetId): DuplicateSummary {
  const row = db
    .prepare<[number, number], DuplicateSummary>(
      `WITH g AS (
         SELECT COUNT(*) AS n, COUNT(DISTINCT split) AS splits, COUNT(DISTINCT label) AS labels
           FROM faces INDEXED BY faces_grid
          WHERE dataset_id = ? AND duplicate_group IS NOT NULL AND excluded IS NULL
          GROUP BY duplicate_group HAVING COUNT(*) > 1)
       SELECT
         (SELECT COUNT(*) FROM g) AS groups,
         (SELECT COALESCE(SUM(n), 0) FROM g) AS facesInGroups,
         (SELECT COUNT(*) FROM g WHERE splits > 1) AS crossSplitGroups,
         (SELECT COUNT(*) FROM g WHERE labels > 1) AS conflictingGroups,
         (SELECT COUNT(*) FROM faces INDEXED BY faces_grid
           WHERE dataset_id = ? AND is_blank = 1 AND excluded IS NULL) AS blankFaces`,
    )
    .get(id, id)
  return (
    row ?? { groups: 0, facesInGroups: 0, crossSplitGroups: 0, conflictingGroups: 0, blankFaces: 0 }
  )
}

/** Excluded faces of a dataset, in all and by reason. */
export function countExclusions(db: StudioDb, id: DatasetId): ExclusionCounts {
  const counts = { ...NO_EXCLUSIONS }
  const rows = db
    .prepare<[number], { excluded: ExclusionReason; n: number }>(
      `SELECT excluded, COUNT(*) AS n FROM faces INDEXED BY faces_grid
        WHERE dataset_id = ? AND excluded IS NOT NULL GROUP BY excluded`,
    )
    .all(id)
  for (const row of rows) {
    counts.total += row.n
    if (row.excluded === 'not-a-face') counts.notAFace = row.n
    else counts[row.excluded] = row.n
  }
  return counts
}

/**
 * A dataset with its counts and duplicate findings, as the contract returns it. `counts` and the
 * findings cover included faces; `faceCount` is every stored face, excluded ones too.
 */
export function summarizeDataset(db: StudioDb, dataset: Dataset): DatasetSummary {
  const counts = countFaces(db, dataset.id)
  const excluded = countExclusions(db, dataset.id)
  const included = [counts.train, counts.validation, counts.test]
    .flat()
    .reduce((sum, n) => sum + n, 0)
  return {
    ...dataset,
    faceCount: included + excluded.total,
    counts,
    excluded,
    duplicates: summarizeDuplicates(db, dataset.id),
  }
}
