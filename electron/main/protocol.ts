import { MEDIA_HOST } from '../../shared/transport/channels'
import type { MediaService } from '../services/mediaService'
import { resolveRendererFile } from './rendererFiles'
import type { RendererFile } from './rendererFiles'
import { APP_HOST, MEDIA_SCHEME } from './security'

/**
 * Pure resolvers behind the two custom protocols (index.ts registers them with
 * `protocol.handle`): `studio://app/<path>` to a file of the built renderer, traversal refused;
 * `studio-media://media/<media path>` to the media service, which takes ids, never paths.
 */

export type ProtocolResponse = Readonly<{
  status: number
  headers: Record<string, string>
  /** A file to stream, or bytes / text to send. */
  body: { file: string } | { bytes: Buffer } | { text: string }
}>

function text(
  status: number,
  message: string,
  headers: Record<string, string> = {},
): ProtocolResponse {
  return {
    status,
    headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' },
    body: { text: message },
  }
}

/**
 * Resolves a `studio://app/...` URL to a renderer file. Only the `app` host exists; a path that
 * leaves out/renderer (`..`, encoded or not) is a 404 like any unknown file. `fileExists` is
 * passed in so this stays pure; the CSP goes on every response.
 */
export function resolveAppRequest(
  url: string,
  rendererDir: string,
  fileExists: (filePath: string) => boolean,
  csp: string,
): ProtocolResponse {
  const securityHeaders = { 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' }
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return text(400, 'Bad URL', securityHeaders)
  }
  if (parsed.host !== APP_HOST) return text(404, 'Not found', securityHeaders)
  const file: RendererFile | null = resolveRendererFile(rendererDir, parsed.pathname)
  if (file === null || !fileExists(file.filePath)) return text(404, 'Not found', securityHeaders)
  return {
    status: 200,
    headers: { ...securityHeaders, 'Content-Type': file.contentType },
    body: { file: file.filePath },
  }
}

/** Resolves a `studio-media://media/face/<id>.png?size=N` URL through the media service. */
export async function resolveMediaRequest(
  url: string,
  media: MediaService,
): Promise<ProtocolResponse> {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return text(400, 'Bad URL')
  }
  if (parsed.protocol !== `${MEDIA_SCHEME}:` || parsed.host !== MEDIA_HOST)
    return text(404, 'Not found')
  const result = await media.get(parsed.pathname.replace(/^\//, ''), parsed.searchParams)
  if (result.status !== 200) return text(result.status, result.message)
  return {
    status: 200,
    headers: {
      'Content-Type': result.contentType,
      'Cache-Control': result.cacheControl,
      ETag: result.etag,
    },
    body: { bytes: result.body },
  }
}
