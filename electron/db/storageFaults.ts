import path from 'node:path'

import { StudioFailure } from '../../shared/transport/envelope'

/**
 * Error codes of a full disk: SQLite's (SQLITE_IOERR_SHMSIZE is its WAL index failing to grow,
 * which on a full disk comes before any write), and the file system's (ENOSPC, a quota: EDQUOT).
 */
const DISK_FULL_CODES = new Set(['SQLITE_FULL', 'SQLITE_IOERR_SHMSIZE', 'ENOSPC', 'EDQUOT'])

/**
 * The fault of the machine behind an error, as a StudioFailure with a clear message: a full disk
 * (DISK_FULL), a data folder that cannot be written (READ_ONLY), or a store that another process
 * kept locked past the busy timeout (CONFLICT). Null for any other error. `dataDir` is the data
 * folder, when known: permission errors count as READ_ONLY only for files inside it (an import
 * source that cannot be read is not the store's fault).
 */
export function storageFailure(err: unknown, dataDir: string | null = null): StudioFailure | null {
  if (err instanceof StudioFailure || !(err instanceof Error)) return null
  const code = (err as { code?: unknown }).code
  if (typeof code !== 'string') return null
  const file = (err as { path?: unknown }).path
  const where = typeof file === 'string' ? file : (dataDir ?? 'the data folder')
  const folder = dataDir === null ? 'the data folder' : `the data folder ${dataDir}`
  if (DISK_FULL_CODES.has(code)) {
    return new StudioFailure(
      'DISK_FULL',
      `The disk is full: could not write ${where} (${err.message}). Nothing of this step was kept; free some space and try again.`,
      { cause: code },
    )
  }
  const deniedInside =
    (code === 'EACCES' || code === 'EPERM') &&
    typeof file === 'string' &&
    dataDir !== null &&
    isInside(dataDir, file)
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || deniedInside) {
    return new StudioFailure(
      'READ_ONLY',
      `${folder.replace('the', 'The')} is read-only (${err.message}): it can be read but nothing can be saved there. Make it writable, or choose another data folder.`,
      { cause: code },
    )
  }
  if (code.startsWith('SQLITE_BUSY')) {
    return new StudioFailure(
      'CONFLICT',
      `The store in ${folder} is busy: another FER Studio process kept writing to it for longer than this one could wait. Try again when it is done.`,
      { cause: code },
    )
  }
  return null
}

/** `err` as a StudioFailure when it is a storage fault, else unchanged. */
export function asStorageFailure(err: unknown, dataDir: string | null = null): unknown {
  return storageFailure(err, dataDir) ?? err
}

function isInside(folder: string, file: string): boolean {
  const relative = path.relative(path.resolve(folder), path.resolve(file))
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}
