import { createHash } from 'node:crypto'

import type Database from 'better-sqlite3'

import { MAX_STRIP_FACES } from '../../shared/domain/face'
import { encodeFacePng, encodeFaceStripPng } from '../imaging/encodeFacePng'

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

/** Enlargement bounds for `?size=`: the detail panel shows faces at a few hundred pixels. */
export const MIN_MEDIA_SIZE = 8
export const MAX_MEDIA_SIZE = 1024
/** Encoded PNGs kept in memory: a 48x48 face is about 2.5 KB, so this is ~10-20 MB at most. */
export const MEDIA_CACHE_ENTRIES = 6000

const FACE_PATH = /^face\/([1-9]\d{0,15})\.png$/
const STRIP_PATH = 'faces.png'
const FACE_ID = /^[1-9]\d{0,15}$/
const VERSION = /^[0-9a-f]{8,64}$/
const IMMUTABLE = 'private, max-age=31536000, immutable'
const REVALIDATE = 'private, no-cache'

export type ParsedMediaPath =
  | Readonly<{ kind: 'face'; faceId: number; size: number | null; version: string | null }>
  | Readonly<{ kind: 'strip'; faceIds: readonly number[]; versions: readonly string[] | null }>
  | Readonly<{ kind: 'invalid'; status: 400 | 404; message: string }>

function invalid(message: string): ParsedMediaPath {
  return { kind: 'invalid', status: 400, message }
}

/** Parses `faces.png?ids=...&v=...`: 1 to MAX_STRIP_FACES ids, and one version per id or none. */
function parseStrip(query: URLSearchParams): ParsedMediaPath {
  const idsText = query.get('ids')
  if (idsText === null || idsText === '') return invalid('ids is missing: faces.png?ids=1,2,3')
  const idTexts = idsText.split(',')
  if (idTexts.length > MAX_STRIP_FACES)
    return invalid(`A strip holds at most ${MAX_STRIP_FACES} faces, got ${idTexts.length}`)
  const badId = idTexts.find((text) => !FACE_ID.test(text) || !Number.isSafeInteger(Number(text)))
  if (badId !== undefined) return invalid(`ids must be positive face ids, got '${badId}'`)
  const versionText = query.get('v')
  if (versionText === null) return { kind: 'strip', faceIds: idTexts.map(Number), versions: null }
  const versions = versionText.split(',')
  if (versions.length !== idTexts.length)
    return invalid(`v needs one hash prefix per id: ${idTexts.length} ids, ${versions.length} v`)
  const badVersion = versions.find((version) => !VERSION.test(version))
  if (badVersion !== undefined)
    return invalid(`v must be hash prefixes of 8 or more hex digits, got '${badVersion}'`)
  return { kind: 'strip', faceIds: idTexts.map(Number), versions }
}

/**
 * Parses `face/<id>.png` with optional `size` and `v`, and `faces.png` strips; anything else is
 * unknown (404).
 */
export function parseMediaPath(mediaPath: string, query: URLSearchParams): ParsedMediaPath {
  if (mediaPath === STRIP_PATH) return parseStrip(query)
  const match = FACE_PATH.exec(mediaPath)
  if (!match?.[1]) return { kind: 'invalid', status: 404, message: `No media at '${mediaPath}'` }
  const faceId = Number(match[1])
  if (!Number.isSafeInteger(faceId))
    return { kind: 'invalid', status: 404, message: 'No such face' }
  const version = query.get('v')
  if (version !== null && !VERSION.test(version)) {
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
  const getStrip = (
    faceIds: readonly number[],
    versions: readonly string[] | null,
  ): MediaResponse => {
    const rows: FacePixelsRow[] = []
    for (const faceId of faceIds) {
      const row = selectFace.get(faceId)
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
      const row = selectFace.get(parsed.faceId)
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
