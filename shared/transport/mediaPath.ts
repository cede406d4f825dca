import { MAX_STRIP_FACES } from '../domain/face'

/**
 * The media path format, declared once: the renderer builds paths with `formatMediaPath`, the
 * media service reads them with `parseMediaPath`, and each shell puts its own prefix in front
 * (Electron `studio-media://media/`, the bridge `/media/`; see channels.ts). A path names a face
 * by id, never a file:
 *
 *   face/<id>.png[?size=N][&v=<hash prefix>]        one face, optionally enlarged
 *   faces.png?ids=<id>,<id>,...[&v=<prefix>,...]   a grid row: faces side by side
 *
 * `v` carries 8+ hex digits of each face's content hash (FaceSummary.hash): a URL that names the
 * content cannot go stale, so the service lets it be cached for good.
 */
export type MediaRequest =
  | Readonly<{ kind: 'face'; faceId: number; size: number | null; version: string | null }>
  | Readonly<{ kind: 'strip'; faceIds: readonly number[]; versions: readonly string[] | null }>

export type ParsedMediaPath =
  MediaRequest | Readonly<{ kind: 'invalid'; status: 400 | 404; message: string }>

/** A path and its query parameters, in order; the caller adds the shell's prefix. */
export type FormattedMediaPath = Readonly<{ path: string; query: readonly [string, string][] }>

/** What parseMediaPath needs of a query: URLSearchParams has it. */
export type QueryLike = Readonly<{ get(name: string): string | null }>

/** Enlargement bounds for `?size=`: the detail panel shows faces at a few hundred pixels. */
export const MIN_MEDIA_SIZE = 8
export const MAX_MEDIA_SIZE = 1024
/** Hex digits of the hash sent for one face, and for each face of a strip (keeps rows short). */
export const FACE_VERSION_DIGITS = 16
export const STRIP_VERSION_DIGITS = 8

const FACE_PATH = /^face\/([1-9]\d{0,15})\.png$/
const STRIP_PATH = 'faces.png'
const FACE_ID = /^[1-9]\d{0,15}$/
const VERSION = /^[0-9a-f]{8,64}$/

/** The hash prefix to send as `v`, or null when the hash is not hex (then none is sent). */
export function mediaVersion(hash: string, digits: number): string | null {
  const version = hash.slice(0, digits).toLowerCase()
  return VERSION.test(version) ? version : null
}

export function formatMediaPath(request: MediaRequest): FormattedMediaPath {
  if (request.kind === 'face') {
    const query: [string, string][] = []
    if (request.size !== null) query.push(['size', String(request.size)])
    if (request.version !== null) query.push(['v', request.version])
    return { path: `face/${request.faceId}.png`, query }
  }
  const query: [string, string][] = [['ids', request.faceIds.join(',')]]
  if (request.versions !== null) query.push(['v', request.versions.join(',')])
  return { path: STRIP_PATH, query }
}

function invalid(message: string): ParsedMediaPath {
  return { kind: 'invalid', status: 400, message }
}

/** Parses `faces.png?ids=...&v=...`: 1 to MAX_STRIP_FACES ids, and one version per id or none. */
function parseStrip(query: QueryLike): ParsedMediaPath {
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
export function parseMediaPath(mediaPath: string, query: QueryLike): ParsedMediaPath {
  if (mediaPath === STRIP_PATH) return parseStrip(query)
  const match = FACE_PATH.exec(mediaPath)
  if (!match?.[1]) return { kind: 'invalid', status: 404, message: `No media at '${mediaPath}'` }
  const faceId = Number(match[1])
  if (!Number.isSafeInteger(faceId))
    return { kind: 'invalid', status: 404, message: 'No such face' }
  const version = query.get('v')
  if (version !== null && !VERSION.test(version)) {
    return invalid(`v must be at least 8 hex digits of the face's hash, got '${version}'`)
  }
  const sizeText = query.get('size')
  if (sizeText === null) return { kind: 'face', faceId, size: null, version }
  const size = Number(sizeText)
  if (!/^\d+$/.test(sizeText) || size < MIN_MEDIA_SIZE || size > MAX_MEDIA_SIZE) {
    return invalid(
      `size must be an integer from ${MIN_MEDIA_SIZE} to ${MAX_MEDIA_SIZE}, got '${sizeText}'`,
    )
  }
  return { kind: 'face', faceId, size, version }
}
