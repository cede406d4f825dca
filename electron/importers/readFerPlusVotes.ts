import { FERPLUS_VOTE_NAMES } from '../../shared/domain/ferplus'
import { SPLITS, splitFromName } from '../../shared/domain/split'
import type { Split } from '../../shared/domain/split'
import { StudioFailure } from '../../shared/transport/envelope'
import { openCsvRecords } from './csvRecords'
import { assertTextFile } from './readFer2013Csv'
import type { ReadProgress } from './types'

/** FER+ had ten annotators label each face: no count, nor a row's total, can exceed this. */
export const FERPLUS_ANNOTATORS = 10

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
export class VoteTable {
  rows = 0
  private votes = new Uint8Array(10 * 4096)
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
    const votes = new Uint8Array(size * 10)
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
 * Reads a FER+ `fer2013new.csv` (Usage, Image name, then ten vote columns) into a compact table
 * (12 bytes a row), checking every row: Usage one of FER2013's, each vote a whole count 0..10 and
 * a row's votes at most 10 in all (FER+ had ten annotators). Rows with an empty Image name (FER+
 * left the face out) have no votes. A missing file is NOT_FOUND; an empty file, a wrong header, a
 * file with no data rows and any bad row are INVALID_INPUT naming the file (and the row).
 */
export async function readFerPlusVotes(
  file: string,
  onProgress?: ReadProgress,
): Promise<VoteTable> {
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
    const bad = (reason: string): StudioFailure =>
      new StudioFailure('INVALID_INPUT', `${file}, row ${record.row}: ${reason}`, {
        file,
        row: record.row,
        reason,
      })
    if (record.cells === undefined) throw bad(record.error)
    const cells = record.cells
    const usage = (cells[columns.usage] ?? '').trim()
    const split = usage === '' ? null : splitFromName(usage)
    if (usage !== '' && split === null)
      throw bad(`Usage '${usage}' is not Training, PublicTest or PrivateTest`)
    if ((cells[columns.imageName] ?? '').trim() === '') {
      table.push(null, split)
    } else {
      const votes = columns.votes.map((i) => (cells[i] ?? '').trim())
      const notCount = votes.findIndex(
        (v) => !/^\d{1,2}$/.test(v) || Number(v) > FERPLUS_ANNOTATORS,
      )
      if (notCount >= 0)
        throw bad(
          `${FERPLUS_VOTE_NAMES[notCount]} vote '${votes[notCount]}' is not a count 0..${FERPLUS_ANNOTATORS}`,
        )
      const counts = votes.map(Number)
      const total = counts.reduce((sum, n) => sum + n, 0)
      if (total > FERPLUS_ANNOTATORS)
        throw bad(`${total} votes in all; FER+ has ${FERPLUS_ANNOTATORS} annotators a face`)
      table.push(counts, split)
    }
    if (onProgress && table.rows % 1024 === 0) onProgress(table.rows, null)
  }
  if (table.rows === 0)
    throw new StudioFailure('INVALID_INPUT', `${file}: no data rows, only a header`)
  onProgress?.(table.rows, table.rows)
  return table
}
