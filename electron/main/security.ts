import type { WebPreferences } from 'electron'

import { MEDIA_SCHEME } from '../../shared/transport/channels'
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
/** Face images by id (`studio-media://media/face/<id>.png`); declared with the other wire names. */
export { MEDIA_SCHEME }

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

/**
 * Permission requests (camera, notifications, geolocation...) from the renderer: the studio needs
 * none, so all are refused (checklist #5).
 */
export function isPermissionGranted(_permission: string): boolean {
  return false
}
