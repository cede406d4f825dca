import type { MessageBoxOptions, WebPreferences } from 'electron'

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

/**
 * webPreferences for the one window: isolated, sandboxed, no Node, web security on; DevTools only
 * in development (a packaged app cannot open them at all, menu or not).
 */
export function windowWebPreferences(preloadPath: string, isPackaged: boolean): WebPreferences {
  return {
    preload: preloadPath,
    devTools: !isPackaged,
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
 * The only external addresses the app opens without asking: the project's own documentation and
 * repository, as `https://host/path/` prefixes. None is published yet; add it here, and only here.
 */
export const PROJECT_LINKS: readonly string[] = []

/** Whether `url` is https, carries no credentials and lies under one of the `allowed` prefixes. */
function isAllowListed(url: URL, allowed: readonly string[]): boolean {
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') return false
  return allowed.some((prefix) => {
    const base = new URL(prefix)
    return url.origin === base.origin && url.pathname.startsWith(base.pathname)
  })
}

export type NewWindowDecision = 'open-externally' | 'ask' | 'deny'

/**
 * What to do with a request for a new window (`window.open`, target=_blank links): never a new
 * Electron window. The project's own links open in the user's browser; any other http(s) address
 * only after the user confirms it (externalLinkPrompt); every other scheme is dropped.
 */
export function newWindowDecision(
  url: string,
  allowed: readonly string[] = PROJECT_LINKS,
): NewWindowDecision {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return 'deny'
  }
  if (isAllowListed(parsed, allowed)) return 'open-externally'
  return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? 'ask' : 'deny'
}

/** The question asked before an address off the list goes to the browser; Cancel is the default. */
export function externalLinkPrompt(url: string): MessageBoxOptions {
  return {
    type: 'question',
    buttons: ['Cancel', 'Open in browser'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
    message: 'Open this address in your web browser?',
    detail: url.length > 500 ? `${url.slice(0, 499)}…` : url,
  }
}

/** The answer index of externalLinkPrompt that opens the address. */
export const OPEN_EXTERNAL_RESPONSE = 1

/**
 * Electron fuses the packaged app must be built with (checklist #19), flipped by electron-builder
 * from `electronFuses` in electron-builder.yml (a test keeps the two the same). No page is ever
 * loaded from file://, so the file protocol gets no privileges beyond a browser's.
 */
export const REQUIRED_FUSES = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
} as const

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
