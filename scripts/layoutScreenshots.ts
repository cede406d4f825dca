import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { chromium } from 'playwright-core'
import type { Browser } from 'playwright-core'

import { connectBridgeClient } from '../electron/bridge/bridgeClient'
import { spawnBridge } from '../electron/bridge/spawnBridge'
import type { SpawnedBridge } from '../electron/bridge/spawnBridge'
import { trainTinyCnn } from '../bench/ui/benchStore'
import { sidewaysScrollers } from '../bench/ui/layoutProbe'
import { saveScreenshot } from '../bench/ui/screenshots'

/**
 * `npm run screenshots:1024`: every screen of the studio at 1024x700, light and dark, into
 * docs/images/w1024-<screen>-<theme>.png (the README shows them), on the demo dataset with a
 * short tiny-cnn run. With --large-text the large-text variants go to a scratch folder instead,
 * for checking. Prints any screen whose content scrolls sideways. Needs a built renderer
 * (`npm run build:renderer`) and Chromium (/usr/bin/chromium or CHROMIUM_PATH).
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const VIEWPORT = { width: 1024, height: 700 }
const SCREENS = {
  library: '[data-testid="dataset-row"]',
  faces: '[data-testid="face-tile"][data-label]:not([data-label=""])',
  balance: '[data-testid="screen-balance"] svg',
  train: '[data-testid="chart-loss"] svg',
  evaluate: '[data-testid="classification-report"]',
  predict: '[data-testid="screen-predict"]',
} as const

function log(message: string): void {
  process.stdout.write(`[screenshots] ${message}\n`)
}

async function shoot(browser: Browser, url: string, largeText: boolean, out: string) {
  const problems: string[] = []
  for (const theme of ['light', 'dark'] as const) {
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 })
    await context.addInitScript(
      (prefs) => localStorage.setItem('fer-studio.ui', JSON.stringify(prefs)),
      { theme, largeText },
    )
    const page = await context.newPage()
    await page.goto(url)
    await page.click('[data-testid="dataset-row"]', { timeout: 60_000 })
    for (const [screen, ready] of Object.entries(SCREENS)) {
      await page.click(`[data-testid="nav-${screen}"]`)
      await page.waitForSelector(ready, { timeout: 60_000 })
      await page.waitForTimeout(1200)
      const name = `w1024-${screen}-${theme}${largeText ? '-large' : ''}`
      const bytes = await saveScreenshot(page, out, name)
      if (largeText) {
        // The lower half too, for checking: every scrolling part of the screen at its end.
        await page.evaluate(() => {
          for (const el of document.querySelectorAll<HTMLElement>('main, main *'))
            if (el.scrollHeight > el.clientHeight + 1) el.scrollTop = el.scrollHeight
        })
        await page.waitForTimeout(400)
        await saveScreenshot(page, out, `${name}-end`)
      }
      const wide = await sidewaysScrollers(page)
      if (wide.length > 0) problems.push(`${name}: scrolls sideways in ${wide.join(', ')}`)
      log(`${path.relative(ROOT, path.join(out, `${name}.png`))} (${Math.round(bytes / 1024)} KB)`)
    }
    await context.close()
  }
  return problems
}

async function main(): Promise<void> {
  if (!existsSync(path.join(ROOT, 'out/renderer/index.html')))
    throw new Error('build the renderer first: npm run build:renderer')
  const largeText = process.argv.includes('--large-text')
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'fer-screens-'))
  const out = largeText ? path.join(scratch, 'large') : path.join(ROOT, 'docs/images')
  await mkdir(out, { recursive: true })
  let bridge: SpawnedBridge | null = null
  let browser: Browser | null = null
  try {
    bridge = await spawnBridge({ dataDir: path.join(scratch, 'data') })
    const api = await connectBridgeClient(bridge.origin, bridge.token)
    const demo = await api.call('datasets.createDemo', {})
    const runId = await trainTinyCnn(api, demo.id, 3)
    await api.call('evaluation.run', { runId, split: 'validation' })
    await api.close()
    browser = await chromium.launch({
      ...(existsSync(CHROMIUM) ? { executablePath: CHROMIUM } : {}),
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
    })
    const problems = await shoot(browser, bridge.url, largeText, out)
    for (const problem of problems) log(`LAYOUT ${problem}`)
    if (largeText) log(`large-text screenshots in ${out} (kept for a look)`)
  } finally {
    await browser?.close()
    await bridge?.stop()
    if (!largeText) await rm(scratch, { recursive: true, force: true })
  }
}

await main()
