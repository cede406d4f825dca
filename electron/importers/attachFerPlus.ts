import { emotionIndex } from '../../shared/domain/emotion'
import { ferPlusMajority } from '../../shared/domain/ferplus'
import type { DatasetId } from '../../shared/domain/ids'
import type { Split } from '../../shared/domain/split'
import { StudioFailure } from '../../shared/transport/envelope'
import type { StudioDb } from '../db/openDatabase'
import { getDataset, getSourceRows, setHasFerPlus } from '../db/queries/datasets'
import type { Dataset } from '../db/queries/datasets'
import { readFerPlusVotes } from './readFerPlusVotes'
import type { VoteTable } from './readFerPlusVotes'
import type { ReadProgress } from './types'

export type AttachResult = Readonly<{ attached: number; withoutVotes: number }>

/** FER+ votes attach row by row, so only to a dataset imported from the FER2013 CSV. */
export function assertFerPlusTarget(dataset: Pick<Dataset, 'name' | 'source'>): void {
  if (dataset.source !== 'fer2013-csv') {
    throw new StudioFailure(
      'INVALID_INPUT',
      `FER+ votes attach row by row to a dataset imported from the FER2013 CSV; '${dataset.name}' was imported as ${dataset.source}`,
    )
  }
}

/**
 * Checks that a votes table lines up with a dataset's FER2013 rows, then writes it, replacing
 * earlier votes. The votes file must have exactly as many rows as the FER2013 file the dataset
 * came from (one row more or less would shift every later face onto its neighbour's votes);
 * for a dataset imported before that count was recorded, at least as many as its last face's row.
 * Each row's Usage must also match its face's split. Run it inside a transaction: it throws on
 * the first mismatch, and the caller's rollback leaves every stored vote as it was.
 */
export function applyFerPlusVotes(
  db: StudioDb,
  datasetId: DatasetId,
  table: VoteTable,
  file: string,
): AttachResult {
  const sourceRows = getSourceRows(db, datasetId)
  if (sourceRows !== null && table.rows !== sourceRows) {
    throw new StudioFailure(
      'INVALID_INPUT',
      `${file}: ${table.rows} data rows, but the FER2013 file this dataset came from had ${sourceRows}: the files are not row-aligned`,
    )
  }
  const faces = db
    .prepare<[number], { id: number; source_row: number; split: Split }>(
      'SELECT id, source_row, split FROM faces WHERE dataset_id = ? AND source_row IS NOT NULL ORDER BY id',
    )
    .all(datasetId)
  const lastRow = faces.reduce((max, face) => Math.max(max, face.source_row), 0)
  if (sourceRows === null && table.rows < lastRow) {
    throw new StudioFailure(
      'INVALID_INPUT',
      `${file}: ${table.rows} data rows, but this dataset has faces from FER2013 row ${lastRow}: the files are not row-aligned`,
    )
  }
  db.prepare(
    'UPDATE faces SET ferplus_votes = NULL, ferplus_majority = NULL WHERE dataset_id = ?',
  ).run(datasetId)
  const update = db.prepare('UPDATE faces SET ferplus_votes = ?, ferplus_majority = ? WHERE id = ?')
  let attached = 0
  let withoutVotes = 0
  for (const face of faces) {
    const rowSplit = table.splitOf(face.source_row)
    if (rowSplit !== null && rowSplit !== face.split) {
      throw new StudioFailure(
        'INVALID_INPUT',
        `${file}, row ${face.source_row}: Usage says ${rowSplit} but face ${face.id} from the same FER2013 row is in ${face.split}: the files are not row-aligned`,
      )
    }
    const votes = table.votesOf(face.source_row)
    if (votes === null) {
      withoutVotes++
      continue
    }
    const majority = ferPlusMajority(votes)
    update.run(JSON.stringify(votes), majority === null ? null : emotionIndex(majority), face.id)
    attached++
  }
  setHasFerPlus(db, datasetId, attached > 0)
  return { attached, withoutVotes }
}

/**
 * Attaches FER+ vote counts (`fer2013new.csv`) to a dataset imported from the FER2013 CSV, row by
 * row: data row N of the FER+ file belongs to the face imported from data row N of the FER2013
 * CSV. The whole file is read and checked first (`readFerPlusVotes`), then written in one
 * transaction that also checks the alignment (`applyFerPlusVotes`); any refusal changes nothing.
 */
export async function attachFerPlus(
  db: StudioDb,
  datasetId: DatasetId,
  file: string,
  onProgress?: ReadProgress,
): Promise<AttachResult> {
  const dataset = getDataset(db, datasetId)
  if (!dataset) throw new StudioFailure('NOT_FOUND', `Dataset ${datasetId} does not exist`)
  assertFerPlusTarget(dataset)
  const table = await readFerPlusVotes(file, onProgress)
  return db.transaction(() => applyFerPlusVotes(db, datasetId, table, file)).immediate()
}
