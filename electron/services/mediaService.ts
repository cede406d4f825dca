import type Database from 'better-sqlite3'

import { encodeFacePng } from '../imaging/encodeFacePng'

/**
 * Images never travel as JSON (HOUSE_STYLE §4.6): the renderer asks for media paths such as
 * `face/123.png?size=192` and each shell (Electron's `studio-media://media/...`, the bridge's
 * `/media/...`) hands the path here. The path names a face by id, never a file: nothing the client
 * sends is ever joined to a file-system path.
 */
export type MediaResponse =
  | Readonly<{ status: 200; contentType: string; body: Buffer }>
  | Readonly<{ status: 400 | 404; message: string }>

export type MediaService = Readonly<{
  /** Resolves a media path (without the `/media/` prefix) and its query to a response. */
  get(mediaPath: string, query: URLSearchParams): Promise<MediaResponse>
}>

/** Enlargement bounds for `?size=`: the detail panel shows faces at a few hundred pixels. */
export const MIN_MEDIA_SIZE = 8
export const MAX_MEDIA_SIZE = 1024

const FACE_PATH = /^face\/([1-9]\d{0,15})\.png$/

export type ParsedMediaPath =
  | Readonly<{ kind: 'face'; faceId: number; size: number | null }>
  | Readonly<{ kind: 'invalid'; status: 400 | 404; message: string }>

/** Parses `face/<id>.png` with an optional `size`; anything else is unknown (404). */
export function parseMediaPath(mediaPath: string, query: URLSearchParams): ParsedMediaPath {
  const match = FACE_PATH.exec(mediaPath)
  if (!match?.[1]) return { kind: 'invalid', status: 404, message: `No media at '${mediaPath}'` }
  const faceId = Number(match[1])
  if (!Number.isSafeInteger(faceId))
    return { kind: 'invalid', status: 404, message: 'No such face' }
  const sizeText = query.get('size')
  if (sizeText === null) return { kind: 'face', faceId, size: null }
  const size = Number(sizeText)
  if (!/^\d+$/.test(sizeText) || size < MIN_MEDIA_SIZE || size > MAX_MEDIA_SIZE) {
    return {
      kind: 'invalid',
      status: 400,
      message: `size must be an integer from ${MIN_MEDIA_SIZE} to ${MAX_MEDIA_SIZE}, got '${sizeText}'`,
    }
  }
  return { kind: 'face', faceId, size }
}

type FacePixelsRow = { pixels: Buffer; face_size: number }

/** Creates the media service over the store; PNGs are encoded on demand from stored pixels. */
export function createMediaService(deps: Readonly<{ db: Database.Database }>): MediaService {
  const selectFace = deps.db.prepare<[number], FacePixelsRow>(
    `SELECT f.pixels AS pixels, d.face_size AS face_size
       FROM faces f JOIN datasets d ON d.id = f.dataset_id
      WHERE f.id = ?`,
  )
  return {
    async get(mediaPath, query) {
      const parsed = parseMediaPath(mediaPath, query)
      if (parsed.kind === 'invalid') return { status: parsed.status, message: parsed.message }
      const row = selectFace.get(parsed.faceId)
      if (row === undefined) return { status: 404, message: `Face ${parsed.faceId} does not exist` }
      const body = await encodeFacePng(row.pixels, row.face_size, parsed.size ?? row.face_size)
      return { status: 200, contentType: 'image/png', body }
    },
  }
}
