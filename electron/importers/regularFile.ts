import fs from 'node:fs'
import type { FileHandle } from 'node:fs/promises'
import fsp from 'node:fs/promises'

import { StudioFailure } from '../../shared/transport/envelope'

/** Largest image file an import reads; a 256x256 face needs a tiny fraction of it. */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024

/**
 * Opened without waiting: opening a named pipe for reading otherwise blocks until something
 * writes to it. Reads of regular files ignore the flag. (Windows has no such flag, nor FIFOs.)
 */
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0)

const MB = 1024 * 1024
const formatBytes = (bytes: number): string =>
  bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${bytes} bytes`

/** What a path that is not a regular file is, in words for an error message. */
export function describeFileKind(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a folder'
  if (stat.isFIFO()) return 'a named pipe'
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device'
  if (stat.isSocket()) return 'a socket'
  return 'not a regular file'
}

/** Why a path could not be opened or is not a regular file. */
type Refusal = Readonly<{ code: 'NOT_FOUND' | 'INVALID_INPUT'; reason: string }>

function openRefusal(err: unknown): Refusal {
  const code = (err as NodeJS.ErrnoException).code
  if (code === 'ENOENT' || code === 'ENOTDIR')
    return { code: 'NOT_FOUND', reason: 'does not exist' }
  if (code === 'EACCES' || code === 'EPERM')
    return { code: 'INVALID_INPUT', reason: 'permission denied' }
  if (code === 'ELOOP') return { code: 'INVALID_INPUT', reason: 'a symlink loop' }
  return { code: 'INVALID_INPUT', reason: `cannot be opened (${code ?? String(err)})` }
}

const notRegular = (stat: fs.Stats): Refusal => ({
  code: 'INVALID_INPUT',
  reason: `not a regular file (it is ${describeFileKind(stat)})`,
})

/** A refusal as an error naming the file. */
function toFailure(shown: string, refusal: Refusal): StudioFailure {
  return new StudioFailure(
    refusal.code,
    refusal.code === 'NOT_FOUND' ? `${shown} does not exist` : `${shown}: ${refusal.reason}`,
  )
}

async function tryOpen(
  file: string | Buffer,
): Promise<{ handle: FileHandle; size: number } | Refusal> {
  let handle: FileHandle
  try {
    handle = await fsp.open(file, OPEN_FLAGS)
  } catch (err) {
    return openRefusal(err)
  }
  const stat = await handle.stat()
  if (!stat.isFile()) {
    await handle.close()
    return notRegular(stat)
  }
  return { handle, size: stat.size }
}

/**
 * Opens a regular file for reading, following symlinks, and checks what was opened (not what the
 * path named a moment before): a named pipe, a device or a folder is INVALID_INPUT naming the file,
 * and nothing is read from it; a missing file is NOT_FOUND. `shown` names the file in errors.
 */
export async function openRegularFile(
  file: string | Buffer,
  shown: string = String(file),
): Promise<{ handle: FileHandle; size: number }> {
  const opened = await tryOpen(file)
  if ('reason' in opened) throw toFailure(shown, opened)
  return opened
}

/** The same check with a synchronous file descriptor, for streams that read by descriptor. */
export function openRegularFileSync(file: string): { fd: number; size: number } {
  let fd: number
  try {
    fd = fs.openSync(file, OPEN_FLAGS)
  } catch (err) {
    throw toFailure(file, openRefusal(err))
  }
  const stat = fs.fstatSync(fd)
  if (!stat.isFile()) {
    fs.closeSync(fd)
    throw toFailure(file, notRegular(stat))
  }
  return { fd, size: stat.size }
}

/**
 * The bytes of an image file, or why it cannot be imported: not a regular file (a FIFO or a
 * symlink to /dev/zero would hang or fill memory), missing, or larger than `maxBytes`.
 * Synchronous on purpose: for the small files of a folder import, one open/fstat/read/close on
 * the main thread costs far less than four round trips through the thread pool, and a regular
 * file never blocks (what is not one is refused before any read).
 */
export function readImageFile(
  file: string | Buffer,
  maxBytes: number = MAX_IMAGE_BYTES,
): { bytes: Buffer; reason?: undefined } | { bytes?: undefined; reason: string } {
  let fd: number
  try {
    fd = fs.openSync(file, OPEN_FLAGS)
  } catch (err) {
    return { reason: openRefusal(err).reason }
  }
  try {
    const stat = fs.fstatSync(fd)
    if (!stat.isFile()) return { reason: notRegular(stat).reason }
    if (stat.size > maxBytes) {
      return {
        reason: `file is ${formatBytes(stat.size)}, over the ${formatBytes(maxBytes)} limit for an image`,
      }
    }
    // Read at most one byte past the limit: a file that grew after the check is still capped.
    const buffer = Buffer.allocUnsafe(Math.min(stat.size, maxBytes) + 1)
    let filled = 0
    for (;;) {
      const read = fs.readSync(fd, buffer, filled, buffer.length - filled, filled)
      if (read === 0) break
      filled += read
      if (filled === buffer.length) break
    }
    if (filled > maxBytes)
      return { reason: `file is over the ${formatBytes(maxBytes)} limit for an image` }
    return { bytes: buffer.subarray(0, filled) }
  } finally {
    fs.closeSync(fd)
  }
}
