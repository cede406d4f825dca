import { z } from 'zod'

/** The closed set of ways a request can fail across a process boundary. */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'CANCELLED',
  'UNKNOWN_METHOD',
  'UNAUTHORIZED',
  /** The disk holding the data folder (or an output file) is full. */
  'DISK_FULL',
  /** The data folder cannot be written: a read-only folder, file or file system. */
  'READ_ONLY',
  'INTERNAL',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export const StudioErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  details: z.unknown().optional(),
})
export type StudioError = Readonly<{ code: ErrorCode; message: string; details?: unknown }>

export type Envelope<T> =
  Readonly<{ ok: true; value: T }> | Readonly<{ ok: false; error: StudioError }>

/**
 * Thrown by services for expected failures; crosses boundaries as its code and message.
 * Anything else thrown becomes INTERNAL with only a generic message sent.
 */
export class StudioFailure extends Error {
  readonly code: ErrorCode
  readonly details: unknown
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message)
    this.name = 'StudioFailure'
    this.code = code
    this.details = details
  }
  toError(): StudioError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details }
  }
}

/** Thrown on the client side when an envelope comes back with ok: false. */
export class StudioRequestError extends Error {
  readonly code: ErrorCode
  readonly details: unknown
  constructor(error: StudioError) {
    super(error.message)
    this.name = 'StudioRequestError'
    this.code = error.code
    this.details = error.details
  }
}

export function fail(code: ErrorCode, message: string, details?: unknown): Envelope<never> {
  return {
    ok: false,
    error: details === undefined ? { code, message } : { code, message, details },
  }
}

/**
 * A short id that ties an INTERNAL reply to its log entry (not a secret: time plus a few random
 * characters, enough to tell apart the errors of one session's log).
 */
export function newErrorId(): string {
  const random = Math.floor(Math.random() * 36 ** 4)
  return `E-${Date.now().toString(36)}-${random.toString(36).padStart(4, '0')}`.toUpperCase()
}

/**
 * An unexpected failure: the full error (stack, paths, SQL) goes to the log under an id; the caller
 * gets only a generic message with that id, since such errors can carry anything.
 */
export function internalError(
  err: unknown,
  log: (message: string) => void,
  errorId: string = newErrorId(),
): StudioError {
  log(`error ${errorId}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)
  return {
    code: 'INTERNAL',
    message: `Internal error (id ${errorId}); the studio's log has the details`,
    details: { errorId },
  }
}

/** Expected failures keep their code and message; anything else becomes a generic INTERNAL. */
export function toStudioError(err: unknown, log: (message: string) => void): StudioError {
  return err instanceof StudioFailure ? err.toError() : internalError(err, log)
}

/** Turns anything thrown by a handler into an error envelope; unexpected errors are logged, not sent. */
export function toEnvelopeError(err: unknown, log: (message: string) => void): Envelope<never> {
  return { ok: false, error: toStudioError(err, log) }
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`)
}
