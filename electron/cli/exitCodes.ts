import { CommanderError } from 'commander'

import type { ErrorCode } from '../../shared/transport/envelope'
import { StudioFailure } from '../../shared/transport/envelope'

/**
 * Exit codes scripts can trust: 0 success, anything else a failure, and a few distinct ones for
 * the failures scripts commonly branch on.
 */
export const EXIT_CODES = {
  ok: 0,
  /** Unexpected failure (a bug, an I/O error other than those below). */
  internal: 1,
  /** Bad arguments or bad input data (INVALID_INPUT). */
  invalidInput: 2,
  /** A dataset, face or file that does not exist (NOT_FOUND). */
  notFound: 3,
  /** A name already taken, a non-empty output folder (CONFLICT). */
  conflict: 4,
  /** The disk is full (DISK_FULL): nothing of the failed step was kept. */
  diskFull: 5,
  /** The data folder cannot be written (READ_ONLY); commands that only read still work. */
  readOnly: 6,
  /** Stopped by the user (Ctrl+C): the shell's convention for SIGINT (CANCELLED). */
  cancelled: 130,
} as const

const BY_CODE: Partial<Record<ErrorCode, number>> = {
  INVALID_INPUT: EXIT_CODES.invalidInput,
  NOT_FOUND: EXIT_CODES.notFound,
  CONFLICT: EXIT_CODES.conflict,
  DISK_FULL: EXIT_CODES.diskFull,
  READ_ONLY: EXIT_CODES.readOnly,
  CANCELLED: EXIT_CODES.cancelled,
}

/** The exit code for something a command threw. */
export function exitCodeFor(err: unknown): number {
  if (err instanceof StudioFailure) return BY_CODE[err.code] ?? EXIT_CODES.internal
  if (err instanceof CommanderError)
    return err.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.invalidInput
  return EXIT_CODES.internal
}

/** A one-line description of the exit codes for `--help`. */
export const EXIT_CODES_HELP = `Exit codes: 0 ok, 1 internal error, 2 invalid arguments or input, 3 not found, 4 conflict (or the store busy), 5 disk full, 6 data folder read-only, 130 cancelled.`
