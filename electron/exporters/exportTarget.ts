import fs from 'node:fs'
import path from 'node:path'

import { StudioFailure } from '../../shared/transport/envelope'

/** Where an export may write, and whether it may replace what is there. */
export type ExportTargetOptions = Readonly<{
  /** The studio's data folder: nothing is ever written inside it. */
  dataDir: string
  /** Replace an existing file (CSV exports). A non-empty folder is never replaced. */
  overwrite: boolean
}>

/**
 * The real path of `target`, which may not exist yet: its nearest existing ancestor resolved
 * through symlinks, with the missing rest appended.
 */
function realPathOf(target: string): string {
  let existing = target
  const rest: string[] = []
  for (;;) {
    try {
      return path.join(fs.realpathSync(existing), ...rest)
    } catch {
      const parent = path.dirname(existing)
      if (parent === existing) return target
      rest.unshift(path.basename(existing))
      existing = parent
    }
  }
}

function isInsideOrSame(folder: string, candidate: string): boolean {
  const relative = path.relative(folder, candidate)
  return (
    relative === '' ||
    (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative))
  )
}

/**
 * Checks an export target before anything is written, and returns it. The path must be absolute
 * (the CLI resolves relative ones against its working directory first); a target inside the data
 * folder, through symlinks too, is INVALID_INPUT, since writing there can corrupt the store. A
 * file target that exists is CONFLICT unless `overwrite`; a folder target must not exist or be
 * empty whatever `overwrite` says.
 */
export function checkExportTarget(
  target: string,
  kind: 'file' | 'folder',
  options: ExportTargetOptions,
): string {
  if (!path.isAbsolute(target)) {
    throw new StudioFailure('INVALID_INPUT', `${target}: give an absolute path to export to`)
  }
  const resolved = path.resolve(target)
  const dataDir = path.resolve(options.dataDir)
  if (
    isInsideOrSame(dataDir, resolved) ||
    isInsideOrSame(realPathOf(dataDir), realPathOf(resolved))
  ) {
    throw new StudioFailure(
      'INVALID_INPUT',
      `${resolved} is inside the studio's data folder (${dataDir}); export somewhere else`,
    )
  }
  let stat: fs.Stats | null = null
  try {
    stat = fs.lstatSync(resolved)
  } catch {
    stat = null
  }
  if (stat === null) return resolved
  if (kind === 'folder') {
    if (!stat.isDirectory())
      throw new StudioFailure('CONFLICT', `${resolved} exists and is not a folder`)
    if (fs.readdirSync(resolved).length > 0)
      throw new StudioFailure(
        'CONFLICT',
        `${resolved} exists and is not empty; a folder export needs a new or empty folder`,
      )
    return resolved
  }
  if (stat.isDirectory()) {
    throw new StudioFailure(
      'INVALID_INPUT',
      `${resolved} is a folder; give a file name for the CSV`,
    )
  }
  if (!options.overwrite) {
    throw new StudioFailure(
      'CONFLICT',
      `${resolved} already exists; export with overwrite (--overwrite) to replace it`,
    )
  }
  if (!stat.isFile() && !stat.isSymbolicLink()) {
    throw new StudioFailure('INVALID_INPUT', `${resolved} is not a regular file; not replacing it`)
  }
  return resolved
}

/**
 * Moves a finished temporary file onto the target. With `overwrite` it is a rename (atomic on one
 * file system: readers see the old file or the new one). Without, a hard link that fails when the
 * name was taken meanwhile, so a file created after the check is never replaced either.
 */
export function moveIntoPlace(tmp: string, target: string, overwrite: boolean): void {
  if (overwrite) {
    fs.renameSync(tmp, target)
    return
  }
  try {
    fs.linkSync(tmp, target)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'EEXIST') {
      throw new StudioFailure(
        'CONFLICT',
        `${target} already exists; export with overwrite (--overwrite) to replace it`,
      )
    }
    // File systems without hard links: check once more and rename.
    if (fs.existsSync(target)) throw new StudioFailure('CONFLICT', `${target} already exists`)
    fs.renameSync(tmp, target)
    return
  }
  fs.rmSync(tmp, { force: true })
}
