import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

import { _electron as electron, expect, test } from '@playwright/test'

import type { StudioPreloadApi } from '../../shared/transport/preloadApi'

/**
 * Where an Electron binary can run, launches the real app (`npm start` builds out/main, out/preload,
 * out/worker and the Electron-ABI better-sqlite3) on a temp data folder and checks the window, the
 * preload and the backend. Elsewhere the test is skipped with the reason.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

type FindElectron = (options: {
  rootDir: string
  allowDownload: boolean
}) => Promise<{ ok: true; binary: string } | { ok: false; reason: string }>

test('the desktop app opens its window on the studio and talks to its backend', async () => {
  // scripts/ is plain JavaScript shared with `npm start`; loaded by URL so the type-checker skips it.
  const { findElectron } = (await import(
    pathToFileURL(path.join(ROOT, 'scripts/electronBinary.js')).href
  )) as {
    findElectron: FindElectron
  }
  const found = await findElectron({ rootDir: ROOT, allowDownload: false })
  test.skip(!found.ok, `Electron binary not available: ${found.ok ? '' : found.reason}`)
  if (!found.ok) return

  const dataDir = await mkdtemp(path.join(tmpdir(), 'fer-electron-e2e-'))
  const app = await electron.launch({
    executablePath: found.binary,
    args: [ROOT, '--data-dir', dataDir],
    env: {
      ...process.env,
      FER_STUDIO_SQLITE_BINDING: path.join(ROOT, 'out/native/electron/better_sqlite3.node'),
    },
  })
  try {
    const win = await app.firstWindow()
    await expect(win.getByTestId('status-bar')).toContainText('Backend connected')
    expect(win.url()).toMatch(/^studio:\/\/app\//)
    const info = await win.evaluate(() =>
      (globalThis as { studio?: StudioPreloadApi }).studio?.request('app.getInfo', {}),
    )
    expect(info).toMatchObject({ ok: true, value: { shell: 'electron', hasFileDialog: true } })
    // The preload exposes two functions and nothing else; Node is not reachable from the page.
    expect(
      await win.evaluate(() =>
        Object.keys((globalThis as { studio?: object }).studio ?? {}).sort(),
      ),
    ).toEqual(['onEvent', 'request'])
    expect(await win.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
      'undefined',
    )
    await win.getByTestId('create-demo').first().click()
    await expect(win.getByTestId('dataset-row')).toHaveCount(1)
    await win.getByTestId('dataset-open').click()
    // The row's faces come as one strip over the studio-media protocol, and load.
    await expect(win.getByTestId('face-image').first()).toHaveAttribute('data-ready', 'true')
  } finally {
    await app.close()
    await rm(dataDir, { recursive: true, force: true })
  }
})
