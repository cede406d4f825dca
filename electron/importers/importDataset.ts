import path from 'node:path'

import { DEFAULT_FACE_SIZE } from '../../shared/domain/dataset'
import type { ImportFormat, ImportPhase, ImportReport } from '../../shared/domain/dataset'
import { countFaces, summarizeDuplicates } from '../db/queries/datasets'
import type { DatasetId } from '../../shared/domain/ids'
import type { StudioDb } from '../db/openDatabase'
import { applyFerPlusVotes, assertFerPlusTarget } from './attachFerPlus'
import type { AttachResult } from './attachFerPlus'
import { commitFaces } from './commitFaces'
import type { CommitDeps } from './commitFaces'
import { detectFormat } from './detectFormat'
import { readFer2013Csv } from './readFer2013Csv'
import { readFerPlusVotes } from './readFerPlusVotes'
import type { VoteTable } from './readFerPlusVotes'
import { readFolder } from './readFolder'
import { readManifest } from './readManifest'
import type { FaceSource } from './types'

export type ImportRequest = Readonly<{
  path: string
  name: string
  /** Detected from the path when absent. */
  format?: ImportFormat | undefined
  skipBad?: boolean | undefined
  faceSize?: number | undefined
  onProgress?:
    | ((phase: ImportPhase, done: number, total: number | null, fraction?: number) => void)
    | undefined
  /** Cancels the import (CANCELLED failure, nothing stored). */
  signal?: AbortSignal | undefined
  /**
   * A FER+ votes file (fer2013new.csv) to attach in the same commit as the faces (FER2013 CSV
   * imports only): refused votes store nothing of the import either.
   */
  ferPlus?: string | undefined
}>

/** The import report, with the FER+ attachment when votes were asked for. */
export type ImportResult = ImportReport & Readonly<{ ferPlus?: AttachResult }>

/** Opens the reader of a format over a path. */
export async function openSource(
  format: ImportFormat,
  target: string,
  options: Readonly<{
    faceSize: number
    onProgress?: (done: number, total: number | null) => void
  }>,
): Promise<FaceSource> {
  switch (format) {
    case 'fer2013-csv':
      return readFer2013Csv(target, options)
    case 'folder':
      return readFolder(target, options)
    case 'manifest':
      return readManifest(target, options)
  }
}

/**
 * Imports a dataset from a file or folder in any supported format (detected when not given) as
 * a new dataset, all or nothing unless `skipBad`; see `commitFaces` for the guarantees. Returns
 * the import report with per-split counts and exact-duplicate findings.
 */
export async function importDataset(
  deps: CommitDeps,
  request: ImportRequest,
): Promise<ImportResult> {
  const target = path.resolve(request.path)
  const format = request.format ?? (await detectFormat(target)).format
  const skipBad = request.skipBad ?? false
  const onProgress = request.onProgress
  // The votes are read and checked before any face, and written inside the faces' commit.
  const votesFile = request.ferPlus
  let votes: VoteTable | null = null
  let ferPlus: AttachResult | null = null
  if (votesFile !== undefined) {
    assertFerPlusTarget({ name: request.name, source: format })
    votes = await readFerPlusVotes(votesFile)
  }
  const source = await openSource(format, target, {
    faceSize: request.faceSize ?? DEFAULT_FACE_SIZE,
    ...(onProgress
      ? {
          onProgress: (done: number, total: number | null, fraction?: number) =>
            onProgress('reading', done, total, fraction),
        }
      : {}),
  })
  const result = await commitFaces(deps, source, {
    name: request.name,
    source: format,
    sourcePath: target,
    skipBad,
    ...(onProgress ? { onProgress } : {}),
    ...(request.signal ? { signal: request.signal } : {}),
    ...(votes !== null && votesFile !== undefined
      ? {
          withinCommit: (db: StudioDb, datasetId: DatasetId) => {
            ferPlus = applyFerPlusVotes(db, datasetId, votes, votesFile)
          },
        }
      : {}),
  })
  return {
    datasetId: result.datasetId,
    name: request.name,
    format,
    imported: result.imported,
    rejected: result.rejected,
    rejectedReportPath: result.rejectedReportPath,
    rejectedSample: result.rejectedSample,
    counts: countFaces(deps.db, result.datasetId),
    duplicates: summarizeDuplicates(deps.db, result.datasetId),
    durationMs: result.durationMs,
    ...(ferPlus !== null ? { ferPlus } : {}),
  }
}
