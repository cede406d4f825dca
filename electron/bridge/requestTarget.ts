/**
 * Request targets as the bridge receives them (`/media/face/3.png?token=...`, `*`, or an
 * absolute `http://host/path`): parsed without ever throwing, and printed without the token.
 */

/** Parses a request target against a placeholder origin; null when it is not a valid URL. */
export function parseRequestTarget(target: string): URL | null {
  // `new URL` throws on targets such as `http://[` (an absolute URL with a broken host).
  return URL.canParse(target, 'http://bridge.invalid')
    ? new URL(target, 'http://bridge.invalid')
    : null
}

/**
 * Replaces the value of every `token=` query parameter in a text (a URL, a request line, a log
 * message) so that logs never carry the token. Only the URL printed for the user keeps it.
 */
export function redactToken(text: string): string {
  return text.replace(/([?&;]token=)[^&#\s]*/gi, '$1<redacted>')
}
