/**
 * The bridge page is opened as `/?token=...`; loading it sets the HttpOnly token cookie. Once that
 * cookie is known to work, the token leaves the address bar (history.replaceState), so it does not
 * linger in history, bookmarks or screenshots, and every URL the page builds afterwards (media,
 * the WebSocket) reads the address without it and is authorized by the cookie instead.
 */

export type BridgeAddressDeps = Readonly<{
  /** The page's address, e.g. `http://127.0.0.1:5173/?token=abc#faces`. */
  href: string
  /** Replaces the address without navigating. */
  replaceAddress: (url: string) => void
  /** Whether a request carrying no token (only the cookie) is let in. */
  cookieAuthorizes: () => Promise<boolean>
}>

/** The address without its `token` parameters (other parameters and the hash kept); null if none. */
export function addressWithoutToken(href: string): string | null {
  const url = new URL(href)
  if (!url.searchParams.has('token')) return null
  url.searchParams.delete('token')
  return url.toString()
}

/**
 * Drops the token from the address once the cookie authorizes requests; keeps it otherwise (a
 * browser refusing cookies still needs it on media and WebSocket URLs). True when dropped.
 */
export async function dropTokenFromAddress(deps: BridgeAddressDeps): Promise<boolean> {
  const clean = addressWithoutToken(deps.href)
  if (clean === null) return false
  if (!(await deps.cookieAuthorizes().catch(() => false))) return false
  deps.replaceAddress(clean)
  return true
}

/** The browser's own parts: this window's address and history, `/healthz` without a token. */
export function browserAddressDeps(): BridgeAddressDeps {
  return {
    href: window.location.href,
    replaceAddress: (url) => window.history.replaceState(window.history.state, '', url),
    cookieAuthorizes: async () => {
      const response = await fetch('/healthz', { cache: 'no-store', credentials: 'same-origin' })
      return response.ok
    },
  }
}
