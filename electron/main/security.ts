import type { WebPreferences } from 'electron'

import { buildCsp } from './csp'

/**
 * The Electron security checklist as plain data and pure functions (tested under Node, since the
 * Electron binary cannot run here): window options, the CSP, which frames may call the backend,
 * and where the window may navigate. index.ts only wires these into Electron.
 */

/** The renderer's files are served from this custom origin, never from file:// (checklist #18). */
export const APP_SCHEME = 'studio'
export const APP_HOST = 'app'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
/** Face images by id (`studio-media://media/face/<id>.png`). */
export const MEDIA_SCHEME = 'studio-media'

/** webPreferences for the one window: isolated, sandboxed, no Node, web security on. */
export function windowWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  }
}

/** The CSP sent with every renderer file in the app (also set as a header by index.ts). */
export function appCsp(): string {
  return buildCsp({ imageSources: [`${MEDIA_SCHEME}:`] })
}

/**
 * Origins whose main frame may call `studio:request`: our custom protocol, and in development
 * the Vite dev server's exact origin (passed in, never a wildcard).
 */
export function trustedOrigins(devServerUrl: string | null): readonly string[] {
  if (devServerUrl === null) return [APP_ORIGIN]
  return [APP_ORIGIN, new URL(devServerUrl).origin]
}

function originOf(url: string): string | null {
  try {
    const parsed = new URL(url)
    // Custom schemes have an opaque `origin` ('null') in WHATWG URL; rebuild it from the parts.
    return parsed.protocol === `${APP_SCHEME}:`
      ? `${parsed.protocol}//${parsed.host}`
      : parsed.origin
  } catch {
    return null
  }
}

/**
 * Like VS Code's ipcMain `validateEvent`: only the main frame of a page from a trusted origin
 * may use the backend. Iframes (ads, injected content) and any other origin are refused.
 */
export function validateSender(
  frameUrl: string | null | undefined,
  isMainFrame: boolean,
  origins: readonly string[],
): boolean {
  if (!isMainFrame || frameUrl === null || frameUrl === undefined) return false
  const origin = originOf(frameUrl)
  return origin !== null && origins.includes(origin)
}

/** In-window navigation is allowed only within our own origins (reloads, client routes). */
export function isNavigationAllowed(url: string, origins: readonly string[]): boolean {
  const origin = originOf(url)
  return origin !== null && origins.includes(origin)
}

/**
 * What to do with a request for a new window (`window.open`, target=_blank links): never a new
 * Electron window; http(s) links are handed to the user's browser, everything else is dropped.
 */
export function newWindowDecision(url: string): 'open-externally' | 'deny' {
  try {
    const { protocol } = new URL(url)
    return protocol === 'https:' || protocol === 'http:' ? 'open-externally' : 'deny'
  } catch {
    return 'deny'
  }
}

/** A permission request or check as Electron reports it, reduced to what the decision needs. */
export type PermissionQuery = Readonly<{
  permission: string
  /** URL (or origin) of the frame asking. */
  requestingUrl: string | null | undefined
  isMainFrame: boolean
  /** For 'media': the kinds asked for ('video', 'audio'); empty or absent when unknown. */
  mediaTypes?: readonly string[] | undefined
}>

/**
 * Permission requests and checks from the renderer (checklist #5): the camera ('media' for video
 * only, for the Predict screen's webcam) is granted to the main frame of the studio's own origins
 * and nothing else; every other permission, audio, other origins and iframes are refused.
 */
export function isPermissionGranted(query: PermissionQuery, origins: readonly string[]): boolean {
  if (query.permission !== 'media' || !query.isMainFrame) return false
  const origin = query.requestingUrl ? originOf(query.requestingUrl) : null
  if (origin === null || !origins.includes(origin)) return false
  return (query.mediaTypes ?? []).every((kind) => kind === 'video')
}
