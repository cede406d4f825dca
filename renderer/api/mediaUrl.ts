/** How face images are addressed: a custom protocol inside Electron, plain HTTP from the bridge. */
export type MediaMode = 'electron' | 'browser'

let override: ((faceId: number, size?: number) => string) | null = null
let stripOverride: ((faces: readonly StripFace[]) => string) | null = null

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
  return new URLSearchParams(window.location.search).get('token')
}

/** How many hex digits of the content hash go into `v`: enough to be unique, short to send. */
const VERSION_DIGITS = 16

/**
 * URL of a face's PNG, optionally scaled up to `size` pixels (nearest neighbour): in Electron
 * `studio-media://media/face/<id>.png`, in the browser `/media/face/<id>.png` on the bridge.
 * With the face's content `hash` (FaceSummary.hash) the URL names the pixels themselves
 * (`v=<hash prefix>`), so the media service lets the browser cache it as immutable.
 */
export function faceImageUrl(faceId: number, size?: number, hash?: string): string {
  if (override !== null) return override(faceId, size)
  const params = new URLSearchParams()
  if (size !== undefined) params.set('size', String(size))
  const version = hash?.slice(0, VERSION_DIGITS).toLowerCase()
  if (version !== undefined && HEX_VERSION.test(version)) params.set('v', version)
  return mediaUrl(`face/${faceId}.png`, params)
}

/** Hex digits per face in a strip's `v`: a row of 64 faces still makes a short URL. */
const STRIP_VERSION_DIGITS = 8
const HEX_VERSION = /^[0-9a-f]{8,}$/

/**
 * URL of one PNG holding these faces side by side, each at its stored size (a grid row: one
 * request and one decode instead of one per face). Each face's hash prefix goes into `v`, so the
 * strip is cached as immutable; if any hash is not hex, none is sent and the strip is revalidated.
 */
export function faceStripUrl(faces: readonly StripFace[]): string {
  if (stripOverride !== null) return stripOverride(faces)
  const params = new URLSearchParams()
  params.set('ids', faces.map((face) => face.id).join(','))
  const versions = faces.map((face) => face.hash.slice(0, STRIP_VERSION_DIGITS).toLowerCase())
  if (versions.every((version) => HEX_VERSION.test(version))) params.set('v', versions.join(','))
  return mediaUrl('faces.png', params)
}

function mediaUrl(mediaPath: string, params: URLSearchParams): string {
  if (mediaMode() === 'electron') {
    const query = params.toString()
    return `studio-media://media/${mediaPath}` + (query ? `?${query}` : '')
  }
  const token = tokenQuery()
  if (token !== null) params.set('token', token)
  const query = params.toString()
  return `/media/${mediaPath}` + (query ? `?${query}` : '')
}

/** Lets the dev preview draw faces itself (it has no media server); null restores the default. */
export function setFaceImageUrlResolver(
  resolver: ((faceId: number, size?: number) => string) | null,
): void {
  override = resolver
}

/** The same for face strips (the dev preview draws them on a canvas); null restores the default. */
export function setFaceStripUrlResolver(
  resolver: ((faces: readonly StripFace[]) => string) | null,
): void {
  stripOverride = resolver
}
