import path from 'node:path'

/**
 * Maps URL paths to files of the built renderer (out/renderer), for Electron's `studio://app`
 * protocol and the bridge's HTTP server alike. Pure path logic, no file-system access and no
 * Electron, so traversal attempts are refused the same way in both shells and tested under Node.
 */

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
}

/** The Content-Type for a file name; unknown kinds are served as opaque bytes. */
export function contentTypeFor(fileName: string): string {
  return CONTENT_TYPES[path.extname(fileName).toLowerCase()] ?? 'application/octet-stream'
}

export type RendererFile = Readonly<{
  /** Absolute path inside the renderer folder. */
  filePath: string
  contentType: string
  /** True when the path named no file and the single-page app's index.html stands in for it. */
  isFallback: boolean
}>

/**
 * Resolves a URL path (`/`, `/assets/index-abc.js`, `/faces`) to a file inside `rootDir`, or
 * null when the path is malformed or would leave the folder (`..`, encoded `%2e%2e`, backslashes,
 * NUL bytes). Paths without an extension fall back to index.html (client-side routes); missing
 * assets are the caller's 404, not index.html, so a broken build fails loudly.
 */
export function resolveRendererFile(rootDir: string, urlPath: string): RendererFile | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  const segments = decoded.split('/').filter((segment) => segment !== '' && segment !== '.')
  if (segments.some((segment) => segment === '..')) return null
  const root = path.resolve(rootDir)
  const relative = segments.length === 0 ? 'index.html' : segments.join('/')
  const isFallback = segments.length > 0 && path.extname(relative) === ''
  const filePath = path.resolve(root, isFallback ? 'index.html' : relative)
  // Belt and braces: whatever the segment checks missed, the result must stay inside the root.
  if (filePath !== root && !filePath.startsWith(root + path.sep)) return null
  return { filePath, contentType: contentTypeFor(filePath), isFallback }
}
