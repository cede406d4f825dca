import type Database from 'better-sqlite3'

import { encodeFacePng } from '../imaging/encodeFacePng'

/**
 * Images never travel as JSON (HOUSE_STYLE §4.6): the renderer asks for media paths such as
 * `face/123.png?size=192` and each shell (Electron's `studio-media://media/...`, the bridge's
 * `/media/...`) hands the path here. The path names a face by id, never a file: nothing the client
 * sends is ever joined to a file-system path.
 *
 * Caching: face ids are SQLite rowids and can be reused after the newest dataset is deleted, so a
 * bare `face/<id>.png` is revalidated every time (ETag = the face's content hash, answered 304 by
 * the shells). A URL that also names the content, `?v=<hash prefix>` (FaceSummary.hash), cannot go
 * stale and is cached for good. Encoded PNGs are kept in a small LRU so scrolling back, filter
 * toggles and the detail panel do not encode the same face twice.
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

/** Enlargement bounds for `?size=`: the detail panel shows faces at a few hundred pixels. */
export const MIN_MEDIA_SIZE = 8
export const MAX_MEDIA_SIZE = 1024
/** Encoded PNGs kept in memory: a 48x48 face is about 2.5 KB, so this is ~10-20 MB at most. */
export const MEDIA_CACHE_ENTRIES = 6000

const FACE_PATH = /^face\/([1-9]\d{0,15})\.png$/
const IMMUTABLE = 'private, max-age=31536000, immutable'
const REVALIDATE = 'private, no-cache'

export type ParsedMediaPath =
  | Readonly<{ kind: 'face'; faceId: number; size: number | null; version: string | null }>
  | Readonly<{ kind: 'invalid'; status: 400 | 404; message: string }>

/** Parses `face/<id>.png` with optional `size` and `v`; anything else is unknown (404). */
export function parseMediaPath(mediaPath: string, query: URLSearchParams): ParsedMediaPath {
  const match = FACE_PATH.exec(mediaPath)
  if (!match?.[1]) return { kind: 'invalid', status: 404, message: `No media at '${mediaPath}'` }
  const faceId = Number(match[1])
  if (!Number.isSafeInteger(faceId))
    return { kind: 'invalid', status: 404, message: 'No such face' }
  const version = query.get('v')
  if (version !== null && !/^[0-9a-f]{8,64}$/.test(version)) {
    return {
      kind: 'invalid',
      status: 400,
      message: `v must be at least 8 hex digits of the face's hash, got '${version}'`,
    }
  }
  const sizeText = query.get('size')
  if (sizeText === null) return { kind: 'face', faceId, size: null, version }
  const size = Number(sizeText)
  if (!/^\d+$/.test(sizeText) || size < MIN_MEDIA_SIZE || size > MAX_MEDIA_SIZE) {
    return {
      kind: 'invalid',
      status: 400,
      message: `size must be an integer from ${MIN_MEDIA_SIZE} to ${MAX_MEDIA_SIZE}, got '${sizeText}'`,
    }
  }
  return { kind: 'face', faceId, size, version }
}

type FacePixelsRow = { pixels: Buffer; hash: string; face_size: number }

/** Creates the media service over the store; PNGs are encoded on demand from stored pixels. */
export function createMediaService(deps: Readonly<{ db: Database.Database }>): MediaService {
  const selectFace = deps.db.prepare<[number], FacePixelsRow>(
    `SELECT f.pixels AS pixels, f.hash AS hash, d.face_size AS face_size
       FROM faces f JOIN datasets d ON d.id = f.dataset_id
      WHERE f.id = ?`,
  )
  // Map iteration order is insertion order: re-inserting on a hit makes the first key the oldest.
  const cache = new Map<string, Buffer>()
  const remember = (key: string, body: Buffer): void => {
    cache.delete(key)
    cache.set(key, body)
    if (cache.size > MEDIA_CACHE_ENTRIES) cache.delete(cache.keys().next().value as string)
  }
  return {
    async get(mediaPath, query) {
      const parsed = parseMediaPath(mediaPath, query)
      if (parsed.kind === 'invalid') return { status: parsed.status, message: parsed.message }
      const row = selectFace.get(parsed.faceId)
      if (row === undefined) return { status: 404, message: `Face ${parsed.faceId} does not exist` }
      const size = parsed.size ?? row.face_size
      // The hash is part of the key, so a reused face id can never be served from the cache.
      const key = `${row.hash}:${size}`
      let body = cache.get(key)
      if (body === undefined) body = await encodeFacePng(row.pixels, row.face_size, size)
      remember(key, body)
      const isVersioned = parsed.version !== null && row.hash.startsWith(parsed.version)
      return {
        status: 200,
        contentType: 'image/png',
        body,
        etag: `"${row.hash}-${size}"`,
        cacheControl: isVersioned ? IMMUTABLE : REVALIDATE,
      }
    },
  }
}
