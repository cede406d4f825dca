/**
 * Names both ends of each wire must agree on, declared once. Electron IPC: the only channels
 * between renderer and main (a `studio:` prefix, so main can refuse anything else). Bridge: the
 * paths it serves and the query parameter that carries its token.
 */
export const REQUEST_CHANNEL = 'studio:request'
export const EVENT_CHANNEL = 'studio:event'

/** The bridge's WebSocket endpoint (the contract, see socketFrames.ts). */
export const SOCKET_PATH = '/ws'
/** The bridge's media prefix; what follows is a media path (mediaPath.ts). */
export const BRIDGE_MEDIA_PREFIX = '/media/'
/** The bridge's liveness endpoint. */
export const HEALTH_PATH = '/healthz'
/** Query parameter carrying the bridge token (the page URL, the socket URL, media URLs). */
export const TOKEN_PARAM = 'token'

/** Electron's custom protocol for media: `studio-media://media/<media path>`. */
export const MEDIA_SCHEME = 'studio-media'
export const MEDIA_HOST = 'media'
