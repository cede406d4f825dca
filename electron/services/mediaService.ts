import { createHash } from 'node:crypto'

import type Database from 'better-sqlite3'

import { MAX_MEDIA_SIZE, MIN_MEDIA_SIZE, parseMediaPath } from '../../shared/transport/mediaPath'
import type { ParsedMediaPath } from '../../shared/transport/mediaPath'
import { createFaceImageLookup, type FaceImageSource } from '../db/queries/faces'
import { encodeFacePng, encodeFaceStripPng } from '../imaging/encodeFacePng'

/**
 * Images never travel as JSON: the renderer asks for media paths such as `face/123.png?size=192`
 * (format and parser in shared/transport/mediaPath.ts) and each shell (Electron's
 * `studio-media://media/...`, the bridge's `/media/...`) hands the path here. The path names a face by id, never a file: nothing the client
 * sends is ever joined to a file-system path.
 *
 * Caching: face ids are SQLite rowids and can be reused after the newest dataset is deleted, so a
 * bare `face/<id>.png` is revalidated every time (ETag = the face's content hash, answered 304 by
 * the shells). A URL that also names the content, `?v=<hash prefix>` (FaceSummary.hash), cannot go
 * stale and is cached for good. Encoded PNGs are kept in a small LRU so scrolling back, filter
 * toggles and the detail panel do not encode the same face twice.
 *
 * A grid row asks for its faces as one strip, `faces.png?ids=<id>,<id>,...&v=<prefix>,...` (one
 * 8+ hex hash prefix per id, in order): one request and one decode per row rather than per face.
 * It is cached for good only when every prefix matches its face.
 */
export type MediaResponse =
  | Readonly<{
      status: 200
      contentType: string
      body: Buffer
      /** Strong validator for If-None-Match. */
      etag: string
      cacheControl: string
    }>
  | Readonly<{ status: 400 | 404; message: string }>

export type MediaService = Readonly<{
  /** Resolves a media path (without the `/media/` prefix) and its query to a response. */
  get(mediaPath: string, query: URLSearchParams): Promise<MediaResponse>
}>

/** Encoded PNGs kept in memory: a 48x48 face is about 2.5 KB, so this is ~10-20 MB at most. */
export const MEDIA_CACHE_ENTRIES = 6000

const IMMUTABLE = 'private, max-age=31536000, immutable'
const REVALIDATE = 'private, no-cache'

export { MAX_MEDIA_SIZE, MIN_MEDIA_SIZE, parseMediaPath }
export type { ParsedMediaPath }

/** A PNG with its validator; kept for good only when its URL named the content. */
function pngResponse(body: Buffer, etag: string, isVersioned: boolean): MediaResponse {
  return {
    status: 200,
    contentType: 'image/png',
    body,
    etag,
    cacheControl: isVersioned ? IMMUTABLE : REVALIDATE,
  }
}

/** Creates the media service over the store; PNGs are encoded on demand from stored pixels. */
export function createMediaService(deps: Readonly<{ db: Database.Database }>): MediaService {
  const faceImage = createFaceImageLookup(deps.db)
  // Map iteration order is insertion order: re-inserting on a hit makes the first key the oldest.
  const cache = new Map<string, Buffer>()
  const remember = (key: string, body: Buffer): void => {
    cache.delete(key)
    cache.set(key, body)
    if (cache.size > MEDIA_CACHE_ENTRIES) cache.delete(cache.keys().next().value as string)
  }
  const getStrip = (
    faceIds: readonly number[],
    versions: readonly string[] | null,
  ): MediaResponse => {
    const rows: FaceImageSource[] = []
    for (const faceId of faceIds) {
      const row = faceImage(faceId)
      if (row === undefined) return { status: 404, message: `Face ${faceId} does not exist` }
      rows.push(row)
    }
    const size = rows[0]?.face_size ?? 0
    const odd = rows.findIndex((row) => row.face_size !== size)
    if (odd >= 0) {
      return {
        status: 400,
        message: `Faces ${faceIds[0]} and ${faceIds[odd]} differ in size; a strip holds one size`,
      }
    }
    const key = `strip:${rows.map((row) => row.hash).join(',')}`
    const body =
      cache.get(key) ??
      encodeFaceStripPng(
        rows.map((row) => row.pixels),
        size,
      )
    remember(key, body)
    const isVersioned =
      versions !== null && rows.every((row, i) => row.hash.startsWith(versions[i] as string))
    return pngResponse(body, `"${createHash('sha1').update(key).digest('hex')}"`, isVersioned)
  }
  return {
    async get(mediaPath, query) {
      const parsed = parseMediaPath(mediaPath, query)
      if (parsed.kind === 'invalid') return { status: parsed.status, message: parsed.message }
      if (parsed.kind === 'strip') return getStrip(parsed.faceIds, parsed.versions)
      const row = faceImage(parsed.faceId)
      if (row === undefined) return { status: 404, message: `Face ${parsed.faceId} does not exist` }
      const size = parsed.size ?? row.face_size
      // The hash is part of the key, so a reused face id can never be served from the cache.
      const key = `${row.hash}:${size}`
      let body = cache.get(key)
      if (body === undefined) body = await encodeFacePng(row.pixels, row.face_size, size)
      remember(key, body)
      const isVersioned = parsed.version !== null && row.hash.startsWith(parsed.version)
      return pngResponse(body, `"${row.hash}-${size}"`, isVersioned)
    },
  }
}
