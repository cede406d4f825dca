import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

import {
  BrowserWindow,
  Menu,
  app,
  dialog,
  ipcMain,
  nativeTheme,
  net,
  protocol,
  session,
  shell,
  utilityProcess,
} from 'electron'
import type { OpenDialogOptions } from 'electron'

import type { Handlers } from '../../shared/contract'
import { createServices } from '../services/createServices'
import { seedDemoOnFirstStart } from '../services/firstStart'
import type { Services } from '../services/createServices'
import { createUtilityProcessHost } from '../training/main/utilityProcessHost'
import { createVisionClient } from '../vision/visionClient'
import { registerIpc, sendEvent } from './ipc'
import { buildMenuTemplate } from './menu'
import { resolveAppRequest, resolveMediaRequest } from './protocol'
import type { ProtocolResponse } from './protocol'
import {
  APP_ORIGIN,
  APP_SCHEME,
  MEDIA_SCHEME,
  OPEN_EXTERNAL_RESPONSE,
  appCsp,
  externalLinkPrompt,
  isNavigationAllowed,
  isPermissionGranted,
  newWindowDecision,
  trustedOrigins,
  windowWebPreferences,
} from './security'

/**
 * Electron main: wiring only. Every decision (window options, CSP, sender checks, URL to file)
 * lives in the pure modules beside this one, tested under Node; this file hands them to Electron.
 * Layout of the bundle (scripts/build-electron.js): out/main/index.js, out/preload/index.cjs,
 * out/worker/trainingWorker.js, out/renderer/ (vite), out/native/electron/ (electron-native.js).
 */

const HERE = path.dirname(fileURLToPath(import.meta.url))
const RENDERER_DIR = path.join(HERE, '../renderer')
const PRELOAD = path.join(HERE, '../preload/index.cjs')
const TRAINING_WORKER = path.join(HERE, '../worker/trainingWorker.js')
const VISION_WORKER = pathToFileURL(path.join(HERE, '../worker/visionWorker.js'))
const DEV_SERVER_URL = app.isPackaged ? null : (process.env.FER_STUDIO_DEV_SERVER_URL ?? null)
const ORIGINS = trustedOrigins(DEV_SERVER_URL)

// Must happen before 'ready': our schemes behave like https (secure context, fetch, standard URLs).
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
])

function log(message: string): void {
  process.stderr.write(`[main] ${message}\n`)
}

/** `--data-dir X` or `--data-dir=X` from the command line (`npm start -- --data-dir X`). */
function dataDirFromArgv(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (arg === '--data-dir') return argv[i + 1]
    if (arg.startsWith('--data-dir=')) return arg.slice('--data-dir='.length)
  }
  return undefined
}

/**
 * better-sqlite3 built for Electron's ABI when running from the source tree (npm start builds it
 * into out/native/electron); the packaged app has node_modules rebuilt by electron-builder.
 */
function electronSqliteBinding(): string | undefined {
  const candidates = [
    process.env.FER_STUDIO_SQLITE_BINDING,
    path.join(HERE, '../native/electron/better_sqlite3.node'),
  ]
  return candidates.find((file): file is string => file !== undefined && existsSync(file))
}

function toResponse(result: ProtocolResponse): Promise<Response> | Response {
  const { body } = result
  if ('file' in body) {
    return net
      .fetch(pathToFileURL(body.file).toString())
      .then((file) => new Response(file.body, { status: file.status, headers: result.headers }))
  }
  const payload = 'bytes' in body ? new Uint8Array(body.bytes) : body.text
  return new Response(payload, { status: result.status, headers: result.headers })
}

let mainWindow: BrowserWindow | null = null
let services: Services | null = null

/** Electron's native chooser replaces the contract's app.choosePath (the bridge has none). */
const choosePath: Handlers['app.choosePath'] = async ({ kind, title }) => {
  const options: OpenDialogOptions = {
    properties: kind === 'file' ? ['openFile'] : ['openDirectory', 'createDirectory'],
    ...(title === undefined ? {} : { title }),
    ...(kind === 'file'
      ? {
          filters: [
            { name: 'Datasets (CSV, gzipped CSV)', extensions: ['csv', 'gz'] },
            { name: 'All files', extensions: ['*'] },
          ],
        }
      : {}),
  }
  const result = mainWindow
    ? await dialog.showOpenDialog(mainWindow, options)
    : await dialog.showOpenDialog(options)
  return result.canceled ? null : (result.filePaths[0] ?? null)
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'FER Studio',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1b1d21' : '#f7f7f8',
    webPreferences: windowWebPreferences(PRELOAD, app.isPackaged),
  })
  window.once('ready-to-show', () => window.show())
  window.on('closed', () => {
    mainWindow = null
  })
  void window.loadURL(DEV_SERVER_URL ?? `${APP_ORIGIN}/index.html`)
  return window
}

/** Opens an address off the project's list only once the user says so. */
async function confirmExternal(url: string): Promise<void> {
  const prompt = externalLinkPrompt(url)
  const { response } = mainWindow
    ? await dialog.showMessageBox(mainWindow, prompt)
    : await dialog.showMessageBox(prompt)
  if (response === OPEN_EXTERNAL_RESPONSE) await shell.openExternal(url)
}

function hardenContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isNavigationAllowed(url, ORIGINS)) {
        event.preventDefault()
        log(`blocked navigation to ${url}`)
      }
    })
    contents.on('will-redirect', (event, url) => {
      if (!isNavigationAllowed(url, ORIGINS)) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(({ url }) => {
      const decision = newWindowDecision(url)
      if (decision === 'open-externally') void shell.openExternal(url)
      if (decision === 'ask') void confirmExternal(url)
      if (decision === 'deny') log(`blocked a new window for ${url}`)
      return { action: 'deny' }
    })
  })
}

async function start(): Promise<void> {
  await app.whenReady()
  const csp = appCsp()
  const ses = session.defaultSession
  ses.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(
      isPermissionGranted(
        {
          permission,
          requestingUrl: details.requestingUrl,
          isMainFrame: details.isMainFrame,
          mediaTypes: 'mediaTypes' in details ? details.mediaTypes : undefined,
        },
        ORIGINS,
      ),
    ),
  )
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionGranted(
      {
        permission,
        requestingUrl: requestingOrigin,
        isMainFrame: details.isMainFrame,
        mediaTypes:
          details.mediaType === undefined || details.mediaType === 'unknown'
            ? undefined
            : [details.mediaType],
      },
      ORIGINS,
    ),
  )
  // The dev server's responses get the same CSP; our protocols set it on each response themselves.
  if (DEV_SERVER_URL !== null) {
    ses.webRequest.onHeadersReceived((details, callback) => {
      callback({
        responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] },
      })
    })
  }

  const nativeBinding = electronSqliteBinding()
  services = createServices({
    dataDir: dataDirFromArgv(process.argv),
    shell: 'electron',
    emit: (event, payload) => sendEvent(mainWindow?.webContents ?? null, { event, payload }),
    log,
    createHost: () =>
      createUtilityProcessHost({
        fork: (modulePath, args, options) => utilityProcess.fork(modulePath, args, options),
        workerPath: TRAINING_WORKER,
      }),
    vision: createVisionClient({ entry: VISION_WORKER, bootstrap: null, log }),
    ...(nativeBinding === undefined ? {} : { nativeBinding }),
    overrides: { 'app.choosePath': choosePath },
  })
  const media = services.media

  protocol.handle(APP_SCHEME, (request) =>
    toResponse(resolveAppRequest(request.url, RENDERER_DIR, existsSync, csp)),
  )
  protocol.handle(MEDIA_SCHEME, async (request) =>
    toResponse(await resolveMediaRequest(request.url, media)),
  )
  registerIpc(ipcMain, { handlers: services.handlers, origins: ORIGINS, log })
  if (!process.argv.includes('--no-demo')) await seedDemoOnFirstStart(services, log)
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(buildMenuTemplate(process.platform, app.name, app.isPackaged)),
  )
  mainWindow = createWindow()
}

if (!app.requestSingleInstanceLock()) {
  // The studio already runs: that instance focuses its window (second-instance below).
  app.quit()
} else {
  app.on('second-instance', () => {
    if (mainWindow === null) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  app.on('window-all-closed', () => app.quit())
  app.on('activate', () => {
    if (mainWindow === null && services !== null) mainWindow = createWindow()
  })
  // Close the store and stop training (runs become 'interrupted', resumable) before exiting.
  let quitting = false
  app.on('will-quit', (event) => {
    if (quitting || services === null) return
    event.preventDefault()
    quitting = true
    const closing = services
    services = null
    closing
      .close()
      .catch((err: unknown) => log(`closing the store failed: ${String(err)}`))
      .finally(() => app.exit(0))
  })
  hardenContents()
  start().catch((err: unknown) => {
    log(err instanceof Error ? (err.stack ?? err.message) : String(err))
    dialog.showErrorBox(
      'FER Studio could not start',
      err instanceof Error ? err.message : String(err),
    )
    app.exit(1)
  })
}
