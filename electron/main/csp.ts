/**
 * The renderer's Content-Security-Policy, one builder for both shells (Electron's `studio://app`
 * protocol responses and the bridge's HTTP responses) so the browser mode is never looser than the
 * desktop app. Pure: imports nothing from Electron, so the bridge can use it in plain Node.
 */
export type CspSources = Readonly<{
  /** Where face images come from besides 'self' (e.g. `studio-media:` in Electron). */
  imageSources?: readonly string[]
  /** Where the renderer may connect besides 'self' (e.g. the bridge's `ws://127.0.0.1:PORT`). */
  connectSources?: readonly string[]
  /** Extra script sources, only for a development server (e.g. Vite's React refresh). */
  scriptSources?: readonly string[]
}>

/**
 * Builds the CSP header value. Scripts only from our own origin (no inline, no eval); styles
 * allow inline because React and recharts set style attributes; images from our origin, the media
 * origin, and data:/blob: URLs (the Balance preview draws on canvases and may export them).
 */
export function buildCsp(sources: CspSources = {}): string {
  const directives: Array<[string, readonly string[]]> = [
    ['default-src', ["'none'"]],
    ['script-src', ["'self'", ...(sources.scriptSources ?? [])]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:', ...(sources.imageSources ?? [])]],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', ["'self'", ...(sources.connectSources ?? [])]],
    ['worker-src', ["'self'", 'blob:']],
    ['manifest-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ]
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ')
}
