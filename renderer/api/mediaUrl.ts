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

/**
 * URL of a face's PNG, optionally scaled up to `size` pixels (nearest neighbour): in Electron
 * `studio-media://media/face/<id>.png`, in the browser `/media/face/<id>.png` on the bridge.
 */
export function faceImageUrl(faceId: number, size?: number): string {
  if (override !== null) return override(faceId, size)
  const params = new URLSearchParams()
  if (size !== undefined) params.set('size', String(size))
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
