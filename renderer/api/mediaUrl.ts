import {
  BRIDGE_MEDIA_PREFIX,
  MEDIA_HOST,
  MEDIA_SCHEME,
  TOKEN_PARAM,
} from '../../shared/transport/channels'
import {
  FACE_VERSION_DIGITS,
  STRIP_VERSION_DIGITS,
  formatMediaPath,
  mediaVersion,
} from '../../shared/transport/mediaPath'
import type { FormattedMediaPath } from '../../shared/transport/mediaPath'

/** How face images are addressed: a custom protocol inside Electron, plain HTTP from the bridge. */
export type MediaMode = 'electron' | 'browser'

let override: ((faceId: number, size?: number) => string) | null = null

/** A face in a strip: its id and its content hash (FaceSummary.hash). */
export type StripFace = Readonly<{ id: number; hash: string }>

function mediaMode(): MediaMode {
  return typeof window !== 'undefined' && window.studio !== undefined ? 'electron' : 'browser'
}

/**
 * The page's `?token=`, carried to media requests only where the bridge cookie does not work: once
 * it does, the token has left the address (bridgeAddress.ts) and the cookie authorizes media.
 */
function tokenQuery(): string | null {
  if (typeof window === 'undefined') return null
  return new URLSearchParams(window.location.search).get(TOKEN_PARAM)
}

/**
 * URL of a face's PNG, optionally scaled up to `size` pixels (nearest neighbour): in Electron
 * `studio-media://media/face/<id>.png`, in the browser `/media/face/<id>.png` on the bridge.
 * With the face's content `hash` (FaceSummary.hash) the URL names the pixels themselves
 * (`v=<hash prefix>`), so the media service lets the browser cache it as immutable.
 */
export function faceImageUrl(faceId: number, size?: number, hash?: string): string {
  if (override !== null) return override(faceId, size)
  const version = hash === undefined ? null : mediaVersion(hash, FACE_VERSION_DIGITS)
  return mediaUrl(formatMediaPath({ kind: 'face', faceId, size: size ?? null, version }))
}

/**
 * URL of one PNG holding these faces side by side, each at its stored size (a grid row: one
 * request and one decode instead of one per face). Each face's hash prefix goes into `v`, so the
 * strip is cached as immutable; if any hash is not hex, none is sent and the strip is revalidated.
 */
export function faceStripUrl(faces: readonly StripFace[]): string {
  const versions = faces.map((face) => mediaVersion(face.hash, STRIP_VERSION_DIGITS))
  return mediaUrl(
    formatMediaPath({
      kind: 'strip',
      faceIds: faces.map((face) => face.id),
      versions: versions.every((v) => v !== null) ? (versions as string[]) : null,
    }),
  )
}

function mediaUrl({ path, query }: FormattedMediaPath): string {
  const params = new URLSearchParams([...query])
  if (mediaMode() === 'electron') {
    const text = params.toString()
    return `${MEDIA_SCHEME}://${MEDIA_HOST}/${path}` + (text ? `?${text}` : '')
  }
  const token = tokenQuery()
  if (token !== null) params.set(TOKEN_PARAM, token)
  const text = params.toString()
  return `${BRIDGE_MEDIA_PREFIX}${path}` + (text ? `?${text}` : '')
}

/** Lets a test hand out its own image URLs; null restores the default. */
export function setFaceImageUrlResolver(
  resolver: ((faceId: number, size?: number) => string) | null,
): void {
  override = resolver
}
