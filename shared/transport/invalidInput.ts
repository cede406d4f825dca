import { z } from 'zod'

import { fail } from './envelope'
import type { Envelope } from './envelope'

/** How many problems an INVALID_INPUT reply lists; the rest are only counted. */
export const MAX_LISTED_PROBLEMS = 20
/** A problem longer than this is cut (paths can hold keys the caller chose, of any length). */
const MAX_PROBLEM_CHARS = 200

function clip(text: string): string {
  return text.length <= MAX_PROBLEM_CHARS ? text : `${text.slice(0, MAX_PROBLEM_CHARS - 1)}…`
}

/** One line per issue, `path: message`, for at most `limit` issues. */
export function listProblems(
  issues: readonly z.core.$ZodIssue[],
  limit = MAX_LISTED_PROBLEMS,
): string[] {
  return issues.slice(0, limit).map((issue) => {
    const where = issue.path.length === 0 ? '(input)' : z.core.toDotPath(issue.path)
    return clip(`${where}: ${issue.message}`)
  })
}

/**
 * The INVALID_INPUT reply for input the contract refused. A large bad request (100,000 wrong ids)
 * makes as many issues; they are listed once, in the message, at most MAX_LISTED_PROBLEMS of them
 * with a count of the rest, so the reply stays small whatever the request's size. `details`
 * carries only the counts.
 */
export function invalidInput(method: string, error: z.ZodError): Envelope<never> {
  const problems = listProblems(error.issues)
  const rest = error.issues.length - problems.length
  const more = rest > 0 ? `; and ${rest.toLocaleString('en-US')} more` : ''
  return fail('INVALID_INPUT', `Invalid input for ${method}: ${problems.join('; ')}${more}`, {
    problemCount: error.issues.length,
    listed: problems.length,
  })
}
