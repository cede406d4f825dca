import { emotionIndex } from '../../shared/domain/emotion'
import { FERPLUS_VOTE_NAMES, ferPlusMajority } from '../../shared/domain/ferplus'
import type { DatasetId } from '../../shared/domain/ids'
import { SPLITS, splitFromName } from '../../shared/domain/split'
import type { Split } from '../../shared/domain/split'
import { StudioFailure } from '../../shared/transport/envelope'
import type { StudioDb } from '../db/openDatabase'
import { getDataset, setHasFerPlus } from '../db/queries/datasets'
import { openCsvRecords } from './csvRecords'
import { assertTextFile } from './readFer2013Csv'
import type { ReadProgress } from './types'

export type AttachResult = Readonly<{ attached: number; withoutVotes: number }>

type FerPlusColumns = Readonly<{ usage: number; imageName: number; votes: number[] }>

function ferPlusColumns(header: readonly string[]): FerPlusColumns | null {
  const names = header.map((cell) => cell.trim().toLowerCase())
  const usage = names.indexOf('usage')
  const imageName = names.indexOf('image name')
  const votes = FERPLUS_VOTE_NAMES.map((name) => names.indexOf(name.toLowerCase()))
  if (usage < 0 || imageName < 0 || votes.some((i) => i < 0)) return null
  return { usage, imageName, votes }
}

/** Whether a header row is the FER+ `fer2013new.csv` one. */
export function isFerPlusHeader(header: readonly string[]): boolean {
  return ferPlusColumns(header) !== null
}

/** Votes of every FER+ row, packed: 10 counts a row, a flag for rows with votes, the split. */
class VoteTable {
  rows = 0
  private votes = new Uint16Array(10 * 4096)
  private flags = new Uint8Array(4096)
  private splits = new Uint8Array(4096)

  push(votes: readonly number[] | null, split: Split | null): void {
    if (this.rows === this.flags.length) this.grow()
    this.flags[this.rows] = votes === null ? 0 : 1
    this.splits[this.rows] = split === null ? 255 : SPLITS.indexOf(split)
    if (votes !== null) this.votes.set(votes, this.rows * 10)
    this.rows++
  }

  /** The votes of a 1-based data row, or null when it has none. */
  votesOf(row: number): number[] | null {
    if (row < 1 || row > this.rows || this.flags[row - 1] === 0) return null
    return Array.from(this.votes.subarray((row - 1) * 10, row * 10))
  }

  splitOf(row: number): Split | null {
    return SPLITS[this.splits[row - 1] ?? 255] ?? null
  }

  private grow(): void {
    const size = this.flags.length * 2
    const votes = new Uint16Array(size * 10)
    votes.set(this.votes)
    const flags = new Uint8Array(size)
    flags.set(this.flags)
    const splits = new Uint8Array(size)
    splits.set(this.splits)
    this.votes = votes
    this.flags = flags
    this.splits = splits
  }
}

/**
 * Attaches FER+ vote counts (`fer2013new.csv`: Usage, Image name, then ten vote columns) to a
 * dataset imported from the FER2013 CSV, row by row: data row N of the FER+ file belongs to the
 * face imported from data row N of the FER2013 CSV. Rows with an empty Image name (FER+ left the
 * face out) give no votes. Each row's Usage must match its face's split, which catches files that
 * are not row-aligned. The votes are read into a compact table (22 bytes a row) and written in one
 * transaction, replacing earlier votes; any bad row changes nothing.
 */
export async function attachFerPlus(
  db: StudioDb,
  datasetId: DatasetId,
  file: string,
  onProgress?: ReadProgress,
): Promise<AttachResult> {
  const dataset = getDataset(db, datasetId)
  if (!dataset) throw new StudioFailure('NOT_FOUND', `Dataset ${datasetId} does not exist`)
  if (dataset.source !== 'fer2013-csv') {
    throw new StudioFailure(
      'INVALID_INPUT',
      `FER+ votes attach row by row to a dataset imported from the FER2013 CSV; '${dataset.name}' was imported as ${dataset.source}`,
    )
  }
  const { isGzip } = await assertTextFile(file)
  const csv = openCsvRecords(file, { isGzip })
  const first = await csv.records.next()
  const columns =
    first.done || first.value.cells === undefined ? null : ferPlusColumns(first.value.cells)
  if (columns === null) {
    await csv.records.return(undefined)
    throw new StudioFailure(
      'INVALID_INPUT',
      `${file}: wrong header: a FER+ file starts with Usage,Image name,${FERPLUS_VOTE_NAMES.join(',')}`,
    )
  }
  const table = new VoteTable()
  for await (const record of csv.records) {
    const cells = record.cells ?? []
    const bad = (reason: string): StudioFailure =>
      new StudioFailure('INVALID_INPUT', `${file}, row ${record.row}: ${reason}`, {
        file,
        row: record.row,
        reason,
      })
    const usage = (cells[columns.usage] ?? '').trim()
    const split = usage === '' ? null : splitFromName(usage)
    if (usage !== '' && split === null)
      throw bad(`Usage '${usage}' is not Training, PublicTest or PrivateTest`)
    if ((cells[columns.imageName] ?? '').trim() === '') {
      table.push(null, split)
    } else {
      const votes = columns.votes.map((i) => (cells[i] ?? '').trim())
      const badVote = votes.findIndex((v) => !/^\d{1,3}$/.test(v))
      if (badVote >= 0)
        throw bad(`${FERPLUS_VOTE_NAMES[badVote]} vote '${votes[badVote]}' is not a count`)
      table.push(votes.map(Number), split)
    }
    if (onProgress && table.rows % 1024 === 0) onProgress(table.rows, null)
  }
  onProgress?.(table.rows, table.rows)

  const faces = db
    .prepare<[number], { id: number; source_row: number; split: Split }>(
      'SELECT id, source_row, split FROM faces WHERE dataset_id = ? AND source_row IS NOT NULL ORDER BY id',
    )
    .all(datasetId)
  const update = db.prepare('UPDATE faces SET ferplus_votes = ?, ferplus_majority = ? WHERE id = ?')
  return db
    .transaction((): AttachResult => {
      db.prepare(
        'UPDATE faces SET ferplus_votes = NULL, ferplus_majority = NULL WHERE dataset_id = ?',
      ).run(datasetId)
      let attached = 0
      let withoutVotes = 0
      for (const face of faces) {
        const rowSplit = face.source_row <= table.rows ? table.splitOf(face.source_row) : null
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
        update.run(
          JSON.stringify(votes),
          majority === null ? null : emotionIndex(majority),
          face.id,
        )
        attached++
      }
      setHasFerPlus(db, datasetId, attached > 0)
      return { attached, withoutVotes }
    })
    .immediate()
}
