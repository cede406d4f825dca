import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import Database from 'better-sqlite3'

import type { ImportPhase, RejectedInput } from '../../shared/domain/dataset'
import type { DatasetId } from '../../shared/domain/ids'
import { StudioFailure } from '../../shared/transport/envelope'
import type { StudioDb } from '../db/openDatabase'
import { findDatasetByName, insertDataset } from '../db/queries/datasets'
import { markDuplicateGroups } from '../db/queries/faces'
import { faceRowPixels } from './faceRow'
import { RejectionReport } from './rejectionReport'
import { newStagingPath, removeOrphanStaging, stagingDir } from './stagingFiles'
import type { FaceSource } from './types'

export type CommitDeps = Readonly<{ db: StudioDb; dataDir: string }>

export type CommitOptions = Readonly<{
  name: string
  /** Stored as `datasets.source`: the import format or 'demo'. */
  source: string
  sourcePath: string | null
  skipBad: boolean
  onProgress?: (phase: ImportPhase, done: number, total: number | null) => void
  /** Aborting it stops the import before its commit: nothing is stored, the staging file goes. */
  signal?: AbortSignal
  /**
   * Runs inside the commit's transaction once the dataset and its faces are in (FER+ votes
   * attached at import): if it throws, nothing of the import is stored.
   */
  withinCommit?: (db: StudioDb, datasetId: DatasetId) => void
  now?: () => number
}>

export type CommitResult = Readonly<{
  datasetId: DatasetId
  imported: number
  rejected: number
  rejectedReportPath: string | null
  rejectedSample: RejectedInput[]
  durationMs: number
}>

/**
 * Stores every face of a source as a new dataset, all or nothing.
 *
 * Faces are first streamed into a private staging SQLite file (constant memory, no lock on the
 * studio database, so the UI, labeling and training keep writing while a long import reads).
 * Then ONE transaction on the studio database creates the dataset row, copies the faces in and
 * marks exact-duplicate groups. A bad row (unless `skipBad`), a taken name or a crash before
 * that commit leaves the studio database exactly as it was; a killed process leaves at most a
 * staging file, removed by the next import or studio start (its name records the process).
 */
export async function commitFaces(
  deps: CommitDeps,
  source: FaceSource,
  options: CommitOptions,
): Promise<CommitResult> {
  const now = options.now ?? Date.now
  const started = performance.now()
  assertNameFree(deps.db, options.name)
  const tmpDir = stagingDir(deps.dataDir)
  fs.mkdirSync(tmpDir, { recursive: true })
  removeOrphanStaging(tmpDir, { now: now() })
  const stagingPath = newStagingPath(tmpDir)
  const report = new RejectionReport(deps.dataDir, options.name, now)
  let keepReport = false
  try {
    const imported = await stageFaces(stagingPath, source, options, report)
    if (imported === 0) {
      keepReport = report.path !== null
      const seeReport = report.path ? `; every input was rejected, see ${report.path}` : ''
      throw new StudioFailure(
        'INVALID_INPUT',
        `${options.sourcePath ?? options.name}: no faces to import${seeReport}`,
      )
    }
    throwIfCancelled(options)
    options.onProgress?.('committing', 0, imported)
    const datasetId = copyIntoStore(deps.db, stagingPath, source, options, now())
    options.onProgress?.('done', imported, imported)
    keepReport = true
    return {
      datasetId,
      imported,
      rejected: report.rejected,
      rejectedReportPath: report.path,
      rejectedSample: report.sample,
      durationMs: Math.round(performance.now() - started),
    }
  } finally {
    report.close()
    if (!keepReport && report.path) fs.rmSync(report.path, { force: true })
    fs.rmSync(stagingPath, { force: true })
  }
}

function assertNameFree(db: StudioDb, name: string): void {
  const taken = findDatasetByName(db, name)
  if (taken)
    throw new StudioFailure('CONFLICT', `A dataset named '${name}' already exists (id ${taken.id})`)
}

/** The import was cancelled: a CANCELLED failure (it ends the import like any other, unstored). */
function throwIfCancelled(options: CommitOptions): void {
  if (options.signal?.aborted)
    throw new StudioFailure(
      'CANCELLED',
      `Import of '${options.name}' cancelled; nothing was stored`,
    )
}

/** Reads the source into the staging file; returns the number of faces staged. */
async function stageFaces(
  stagingPath: string,
  source: FaceSource,
  options: CommitOptions,
  report: RejectionReport,
): Promise<number> {
  const staging = new Database(stagingPath)
  try {
    // A scratch file: durability is worthless here, speed is not.
    staging.pragma('journal_mode = OFF')
    staging.pragma('synchronous = OFF')
    staging.exec(`CREATE TABLE staged (
      split TEXT NOT NULL, label INTEGER NOT NULL, pixels BLOB NOT NULL, hash TEXT NOT NULL,
      is_blank INTEGER NOT NULL, source_file TEXT NOT NULL, source_row INTEGER)`)
    const insert = staging.prepare(
      'INSERT INTO staged (split, label, pixels, hash, is_blank, source_file, source_row) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    const expectedBytes = source.faceSize * source.faceSize
    let staged = 0
    staging.exec('BEGIN')
    for await (const item of source.items) {
      throwIfCancelled(options)
      if (item.kind === 'rejected') {
        if (!options.skipBad) {
          const where = source.root !== null ? path.join(source.root, item.file) : item.file
          const row = item.row === null ? '' : `, row ${item.row}`
          throw new StudioFailure('INVALID_INPUT', `${where}${row}: ${item.reason}`, {
            file: item.file,
            row: item.row,
            reason: item.reason,
          })
        }
        report.add({ file: item.file, row: item.row, reason: item.reason })
        continue
      }
      if (item.pixels.length !== expectedBytes) {
        throw new Error(
          `reader produced ${item.pixels.length} bytes for a ${source.faceSize}px face`,
        )
      }
      const row = faceRowPixels(item.pixels)
      insert.run(
        item.split,
        item.label,
        row.pixels,
        row.hash,
        row.isBlank,
        item.sourceFile,
        item.sourceRow,
      )
      staged++
    }
    staging.exec('COMMIT')
    return staged
  } finally {
    staging.close()
  }
}

/** The one transaction that makes the dataset exist, with its faces and duplicate groups. */
function copyIntoStore(
  db: StudioDb,
  stagingPath: string,
  source: FaceSource,
  options: CommitOptions,
  createdAt: number,
): DatasetId {
  const alias = `staging_${crypto.randomBytes(6).toString('hex')}`
  db.prepare(`ATTACH DATABASE ? AS ${alias}`).run(stagingPath)
  try {
    const commit = db.transaction((): DatasetId => {
      assertNameFree(db, options.name)
      const datasetId = insertDataset(db, {
        name: options.name,
        source: options.source,
        sourcePath: options.sourcePath,
        faceSize: source.faceSize,
        createdAt,
        sourceRows: source.sourceRows?.() ?? null,
      })
      db.prepare(
        `INSERT INTO faces (dataset_id, split, label, original_label, pixels, hash, is_blank, source_file, source_row)
         SELECT ?, split, label, label, pixels, hash, is_blank, source_file, source_row
           FROM ${alias}.staged ORDER BY rowid`,
      ).run(datasetId)
      markDuplicateGroups(db, datasetId)
      options.withinCommit?.(db, datasetId)
      return datasetId
    })
    return commit.immediate()
  } finally {
    db.prepare(`DETACH DATABASE ${alias}`).run()
  }
}
