import { readFileSync, renameSync, writeFileSync } from 'node:fs'

import type Database from 'better-sqlite3'

import { SPLITS, type Split } from '../../../shared/domain/split'
import { StudioFailure } from '../../../shared/transport/envelope'

/**
 * A dataset frozen at the start of a run (or an evaluation), as the worker reads it. Main writes it
 * from SQLite inside one read transaction, so the worker trains on a consistent set of faces and
 * labels while the user keeps relabelling, and never opens the live database (one writer, one
 * process). Faces are in id order.
 */
export type DatasetSnapshot = Readonly<{
  datasetId: number
  faceSize: number
  count: number
  faceIds: Int32Array
  /** FER2013 label indices. */
  labels: Uint8Array
  /** Index into SPLITS (0 train, 1 validation, 2 test). */
  splits: Uint8Array
  /** `count * faceSize * faceSize` bytes, 8-bit grayscale, row-major, face after face. */
  pixels: Uint8Array
  /**
   * FER+ votes, `count * VOTE_COLUMNS` counts (FERPLUS_VOTE_NAMES order, all 0 for a face without
   * votes), when the snapshot was written with `votes: true`; else null or absent.
   */
  votes?: Uint8Array | null
}>

/** FER+ vote columns per face in a snapshot. */
export const VOTE_COLUMNS = 10

/**
 * File layout (little-endian): a 32-byte header — magic "FERSNAP1", u32 version, u32 faceSize,
 * u32 count, u32 datasetId, u32 flags (bit 0: votes follow), 4 reserved bytes — then faceIds
 * (i32 x count), labels (u8 x count), splits (u8 x count), pixels (u8 x count x faceSize²), and
 * with flag bit 0 the FER+ votes (u8 x count x 10). Version 1 files had no flags (always 0).
 */
const MAGIC = 'FERSNAP1'
const VERSION = 2
const HAS_VOTES = 1
const HEADER_BYTES = 32

export type SnapshotOptions = Readonly<{
  /** Only these splits (default all). */
  splits?: readonly Split[]
  /**
   * Read each face's FER+ votes (for FER+ targets, dropping not-a-face faces); default: when the
   * dataset has votes attached.
   */
  votes?: boolean
}>

/**
 * Reads the faces of a dataset in one read transaction and writes them to `file` (through a
 * temporary file and a rename, so a reader never sees half a snapshot). Throws NOT_FOUND for an
 * unknown dataset.
 */
export function writeDatasetSnapshot(
  db: Database.Database,
  datasetId: number,
  file: string,
  options: SnapshotOptions = {},
): DatasetSnapshot {
  const snapshot = readDatasetFromDb(db, datasetId, options)
  const tmp = `${file}.tmp`
  writeFileSync(tmp, encodeSnapshot(snapshot))
  renameSync(tmp, file)
  return snapshot
}

/** The included faces as they are in the database right now (one consistent read). */
export function readDatasetFromDb(
  db: Database.Database,
  datasetId: number,
  options: SnapshotOptions = {},
): DatasetSnapshot {
  const wanted = options.splits ?? SPLITS
  const placeholders = wanted.map(() => '?').join(', ')
  const read = db.transaction(() => {
    const dataset = db
      .prepare('SELECT face_size AS faceSize, has_ferplus AS hasVotes FROM datasets WHERE id = ?')
      .get(datasetId) as { faceSize: number; hasVotes: number } | undefined
    if (!dataset) throw new StudioFailure('NOT_FOUND', `Dataset ${datasetId} does not exist`)
    const { count } = db
      .prepare(
        `SELECT COUNT(*) AS count FROM faces
          WHERE dataset_id = ? AND split IN (${placeholders}) AND excluded IS NULL`,
      )
      .get(datasetId, ...wanted) as { count: number }
    const area = dataset.faceSize * dataset.faceSize
    const faceIds = new Int32Array(count)
    const labels = new Uint8Array(count)
    const splits = new Uint8Array(count)
    const pixels = new Uint8Array(count * area)
    const withVotes = options.votes ?? dataset.hasVotes !== 0
    const votes = withVotes ? new Uint8Array(count * VOTE_COLUMNS) : null
    let i = 0
    const rows = db
      .prepare(
        `SELECT id, label, split, pixels, ferplus_votes AS votes FROM faces
          WHERE dataset_id = ? AND split IN (${placeholders}) AND excluded IS NULL ORDER BY id`,
      )
      .iterate(datasetId, ...wanted) as IterableIterator<{
      id: number
      label: number
      split: Split
      pixels: Buffer
      votes: string | null
    }>
    for (const row of rows) {
      if (row.pixels.length !== area) {
        throw new StudioFailure(
          'INTERNAL',
          `Face ${row.id} of dataset ${datasetId} has ${row.pixels.length} pixel bytes, expected ${area}`,
        )
      }
      faceIds[i] = row.id
      labels[i] = row.label
      splits[i] = SPLITS.indexOf(row.split)
      pixels.set(row.pixels, i * area)
      if (votes && row.votes !== null) {
        const counts = JSON.parse(row.votes) as number[]
        counts.slice(0, VOTE_COLUMNS).forEach((n, k) => {
          votes[i * VOTE_COLUMNS + k] = Math.max(0, Math.min(255, Math.round(n)))
        })
      }
      i++
    }
    return { datasetId, faceSize: dataset.faceSize, count, faceIds, labels, splits, pixels, votes }
  })
  // A deferred transaction that only reads is a read transaction: in WAL mode it sees one
  // consistent state of the database however long it takes.
  return read.deferred()
}

export function encodeSnapshot(snapshot: DatasetSnapshot): Buffer {
  const { count, faceSize } = snapshot
  const voteBytes = snapshot.votes ? count * VOTE_COLUMNS : 0
  const bytes = Buffer.alloc(
    HEADER_BYTES + count * 4 + count * 2 + count * faceSize * faceSize + voteBytes,
  )
  bytes.write(MAGIC, 0, 'latin1')
  bytes.writeUInt32LE(VERSION, 8)
  bytes.writeUInt32LE(faceSize, 12)
  bytes.writeUInt32LE(count, 16)
  bytes.writeUInt32LE(snapshot.datasetId, 20)
  bytes.writeUInt32LE(snapshot.votes ? HAS_VOTES : 0, 24)
  let offset = HEADER_BYTES
  Buffer.from(snapshot.faceIds.buffer, snapshot.faceIds.byteOffset, count * 4).copy(bytes, offset)
  offset += count * 4
  bytes.set(snapshot.labels, offset)
  offset += count
  bytes.set(snapshot.splits, offset)
  offset += count
  bytes.set(snapshot.pixels, offset)
  if (snapshot.votes) bytes.set(snapshot.votes, offset + snapshot.pixels.length)
  return bytes
}

/** Reads a snapshot file; throws with the file name when it is not one or is cut short. */
export function readDatasetSnapshot(file: string): DatasetSnapshot {
  return decodeSnapshot(readFileSync(file), file)
}

export function decodeSnapshot(bytes: Buffer, name = 'snapshot'): DatasetSnapshot {
  if (bytes.length < HEADER_BYTES || bytes.toString('latin1', 0, 8) !== MAGIC) {
    throw new Error(`${name} is not a FER Studio dataset snapshot`)
  }
  const version = bytes.readUInt32LE(8)
  if (version !== VERSION && version !== 1) {
    throw new Error(`${name}: snapshot version ${version} is not supported`)
  }
  const faceSize = bytes.readUInt32LE(12)
  const count = bytes.readUInt32LE(16)
  const datasetId = bytes.readUInt32LE(20)
  const hasVotes = version >= 2 && (bytes.readUInt32LE(24) & HAS_VOTES) !== 0
  const area = count * faceSize * faceSize
  const expected = HEADER_BYTES + count * 6 + area + (hasVotes ? count * VOTE_COLUMNS : 0)
  if (bytes.length !== expected) {
    throw new Error(`${name}: ${bytes.length} bytes, expected ${expected} for ${count} faces`)
  }
  let offset = HEADER_BYTES
  // Copy into fresh buffers: a Buffer's byteOffset need not be 4-aligned for an Int32Array view.
  const faceIds = new Int32Array(count)
  new Uint8Array(faceIds.buffer).set(bytes.subarray(offset, offset + count * 4))
  offset += count * 4
  const labels = Uint8Array.from(bytes.subarray(offset, offset + count))
  offset += count
  const splits = Uint8Array.from(bytes.subarray(offset, offset + count))
  offset += count
  const pixels = new Uint8Array(area)
  pixels.set(bytes.subarray(offset, offset + area))
  const votes = hasVotes ? Uint8Array.from(bytes.subarray(offset + area)) : null
  return { datasetId, faceSize, count, faceIds, labels, splits, pixels, votes }
}

/** Indices (into the snapshot) of the faces in one split. */
export function indicesOfSplit(snapshot: DatasetSnapshot, split: Split): Int32Array {
  const code = SPLITS.indexOf(split)
  let n = 0
  for (let i = 0; i < snapshot.count; i++) if (snapshot.splits[i] === code) n++
  const out = new Int32Array(n)
  let j = 0
  for (let i = 0; i < snapshot.count; i++) if (snapshot.splits[i] === code) out[j++] = i
  return out
}
