/** How face images are addressed: a custom protocol inside Electron, plain HTTP from the bridge. */
export type MediaMode = 'electron' | 'browser'

let override: ((faceId: number, size?: number) => string) | null = null

function mediaMode(): MediaMode {
  return typeof window !== 'undefined' && window.studio !== undefined ? 'electron' : 'browser'
}

/** The page's `?token=`, carried to media requests for setups where the bridge cookie is absent. */
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
  if (version !== undefined && /^[0-9a-f]{8,}$/.test(version)) params.set('v', version)
  if (mediaMode() === 'electron') {
    const query = params.toString()
    return `studio-media://media/face/${faceId}.png` + (query ? `?${query}` : '')
  }
  const token = tokenQuery()
  if (token !== null) params.set('token', token)
  const query = params.toString()
  return `/media/face/${faceId}.png` + (query ? `?${query}` : '')
}

/** Lets the dev preview draw faces itself (it has no media server); null restores the default. */
export function setFaceImageUrlResolver(
  resolver: ((faceId: number, size?: number) => string) | null,
): void {
  override = resolver
}
