import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { expect, test } from '@playwright/test'

import { StudioApp } from '../pages/StudioApp'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

test('npm start without a usable Electron serves the studio with the demo dataset, prints its URL and says why', async ({
  page,
}) => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'fer-start-'))
  const env = { ...process.env }
  // No display: Electron cannot open a window here whether or not its binary exists.
  delete env.DISPLAY
  delete env.WAYLAND_DISPLAY
  const child = spawn(process.execPath, ['scripts/start.js', '--no-open', '--data-dir', dataDir], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  try {
    await expect
      .poll(() => output, { timeout: 90_000 })
      .toMatch(/FER Studio is running at http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}/)
    expect(output).toMatch(/Electron binary not available: .+/)
    expect(output).toContain(`Data folder: ${dataDir}`)
    const url = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64})/.exec(output)?.[1] ?? ''

    // Without the token the studio stays shut; with it, the UI comes up connected.
    const denied = await page.request.get(url.replace(/\?token=.*$/, ''))
    expect(denied.status()).toBe(401)
    // A new data folder's first start brings the demo dataset, so there is something to see.
    expect(output).toMatch(/first start: created the demo dataset 'Demo faces \(synthetic\)'/)
    await new StudioApp(page).open(url)
    await expect(page.getByTestId('dataset-row')).toHaveCount(1)
    await expect(page.getByTestId('dataset-row').first()).toContainText('Demo faces (synthetic)')
  } finally {
    const exited = new Promise((resolve) => child.once('close', resolve))
    child.kill('SIGTERM')
    await exited
    await rm(dataDir, { recursive: true, force: true })
  }
  // Ctrl+C / SIGTERM reach the bridge, which closes the store before exiting.
  expect(output).toContain('SIGTERM: stopping')
})
