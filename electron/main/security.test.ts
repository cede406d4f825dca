import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { describe, expect, it } from 'vitest'

import {
  appCsp,
  isNavigationAllowed,
  isPermissionGranted,
  newWindowDecision,
  OPEN_EXTERNAL_RESPONSE,
  PROJECT_LINKS,
  REQUIRED_FUSES,
  externalLinkPrompt,
  trustedOrigins,
  validateSender,
  windowWebPreferences,
} from './security'

describe('windowWebPreferences', () => {
  it('applies the Electron security checklist', () => {
    const prefs = windowWebPreferences('/app/out/preload/index.cjs', true)
    expect(prefs).toMatchObject({
      devTools: false,
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    })
    expect(windowWebPreferences('/p.cjs', false).devTools).toBe(true)
  })
})

describe('appCsp', () => {
  it('allows scripts only from our origin and images from the media protocol', () => {
    const csp = appCsp()
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("script-src 'self';")
    expect(csp).not.toMatch(/script-src[^;]*unsafe/)
    expect(csp).toMatch(/img-src [^;]*studio-media:/)
    expect(csp).toContain("object-src 'none'")
    expect(csp).toContain("frame-ancestors 'none'")
  })
})

describe('validateSender', () => {
  const origins = trustedOrigins(null)
  it('accepts the main frame of our custom protocol', () => {
    expect(validateSender('studio://app/index.html', true, origins)).toBe(true)
    expect(validateSender('studio://app/', true, origins)).toBe(true)
  })
  it('refuses sub-frames, other origins and unknown frames', () => {
    expect(validateSender('studio://app/index.html', false, origins)).toBe(false)
    expect(validateSender('studio://evil/index.html', true, origins)).toBe(false)
    expect(validateSender('https://example.com/', true, origins)).toBe(false)
    expect(validateSender('file:///app/out/renderer/index.html', true, origins)).toBe(false)
    expect(validateSender('http://localhost:5173/', true, origins)).toBe(false)
    expect(validateSender(undefined, true, origins)).toBe(false)
    expect(validateSender('not a url', true, origins)).toBe(false)
  })
  it('accepts exactly the dev server origin when one is configured', () => {
    const dev = trustedOrigins('http://localhost:5173/')
    expect(validateSender('http://localhost:5173/faces', true, dev)).toBe(true)
    expect(validateSender('http://localhost:5174/', true, dev)).toBe(false)
    expect(validateSender('http://127.0.0.1:5173/', true, dev)).toBe(false)
  })
})

describe('navigation and new windows', () => {
  const origins = trustedOrigins(null)
  it('keeps navigation inside the app', () => {
    expect(isNavigationAllowed('studio://app/index.html#/faces', origins)).toBe(true)
    expect(isNavigationAllowed('https://example.com/', origins)).toBe(false)
    expect(isNavigationAllowed('file:///etc/passwd', origins)).toBe(false)
  })
  it('opens no web address without asking unless it is on the project list', () => {
    // No project link is published yet, so every web address is asked about.
    expect(PROJECT_LINKS).toEqual([])
    expect(newWindowDecision('https://github.com/')).toBe('ask')
    expect(newWindowDecision('http://example.com/')).toBe('ask')
    const docs = ['https://docs.example.org/fer-studio/']
    expect(newWindowDecision('https://docs.example.org/fer-studio/guide#x', docs)).toBe(
      'open-externally',
    )
    for (const url of [
      'https://docs.example.org/other/',
      'http://docs.example.org/fer-studio/',
      'https://docs.example.org.evil.com/fer-studio/',
      'https://user:pw@docs.example.org/fer-studio/',
    ]) {
      expect(newWindowDecision(url, docs), url).toBe('ask')
    }
  })
  it('drops every other scheme', () => {
    expect(newWindowDecision('file:///etc/passwd')).toBe('deny')
    expect(newWindowDecision('studio://app/')).toBe('deny')
    expect(newWindowDecision('javascript:alert(1)')).toBe('deny')
    expect(newWindowDecision('not a url')).toBe('deny')
  })
  it('asks with Cancel as the default answer', () => {
    const prompt = externalLinkPrompt('https://example.com/')
    expect(prompt.buttons?.[prompt.defaultId ?? -1]).toBe('Cancel')
    expect(prompt.cancelId).toBe(prompt.defaultId)
    expect(prompt.buttons?.[OPEN_EXTERNAL_RESPONSE]).toBe('Open in browser')
    expect(prompt.detail).toBe('https://example.com/')
  })
  it('grants the camera to the studio itself and nothing else', () => {
    const origins = trustedOrigins(null)
    const camera = {
      permission: 'media',
      requestingUrl: 'studio://app/index.html',
      isMainFrame: true,
      mediaTypes: ['video'],
    }
    expect(isPermissionGranted(camera, origins)).toBe(true)
    // A permission check (no media types given) from the studio.
    expect(isPermissionGranted({ ...camera, mediaTypes: undefined }, origins)).toBe(true)
    // The microphone, another origin, an iframe, and every other permission are refused.
    expect(isPermissionGranted({ ...camera, mediaTypes: ['video', 'audio'] }, origins)).toBe(false)
    expect(isPermissionGranted({ ...camera, mediaTypes: ['audio'] }, origins)).toBe(false)
    expect(
      isPermissionGranted({ ...camera, requestingUrl: 'https://evil.example/' }, origins),
    ).toBe(false)
    expect(isPermissionGranted({ ...camera, requestingUrl: null }, origins)).toBe(false)
    expect(isPermissionGranted({ ...camera, isMainFrame: false }, origins)).toBe(false)
    for (const permission of ['notifications', 'geolocation', 'clipboard-read', 'midi'])
      expect(isPermissionGranted({ ...camera, permission }, origins)).toBe(false)
    // In development the dev server's exact origin counts as the studio's.
    const dev = trustedOrigins('http://localhost:5173/')
    expect(
      isPermissionGranted({ ...camera, requestingUrl: 'http://localhost:5173/#/predict' }, dev),
    ).toBe(true)
    expect(isPermissionGranted({ ...camera, requestingUrl: 'http://localhost:5174/' }, dev)).toBe(
      false,
    )
  })
})

/** The `electronFuses:` block of electron-builder.yml as name → flag (one `  name: bool` a line). */
function builderFuses(yml: string): Record<string, boolean> {
  const lines = yml.split(/\r?\n/)
  const fuses: Record<string, boolean> = {}
  for (const line of lines.slice(lines.indexOf('electronFuses:') + 1)) {
    if (/^\S/.test(line)) break
    const match = /^\s+(\w+):\s*(true|false)\s*$/.exec(line)
    if (match) fuses[match[1] as string] = match[2] === 'true'
  }
  return fuses
}

describe("the packaged app's fuses", () => {
  it('are flipped by electron-builder exactly as the checklist requires', () => {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
    const yml = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')
    expect(builderFuses(yml)).toEqual(REQUIRED_FUSES)
    expect(REQUIRED_FUSES.grantFileProtocolExtraPrivileges).toBe(false)
  })
})
