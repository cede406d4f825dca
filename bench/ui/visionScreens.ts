import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

import { chromium } from 'playwright-core'

import { spawnBridge } from '../../electron/bridge/spawnBridge'
import { saveScreenshot } from './screenshots'

/**
 * The Predict and Present screenshots of the README, at 1024x768 (a projector's size), from a
 * data folder holding a finished run (`npm run build:renderer` first):
 *
 *   node bin/run-ts.js bench/ui/visionScreens.ts --data-dir DIR [--epoch 6]
 *
 * Predict shows a real group photo that ships inside the @vladmandic/face-api package.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const require = createRequire(import.meta.url)
const { values: args } = parseArgs({
  options: { 'data-dir': { type: 'string' }, epoch: { type: 'string', default: '6' } },
})
if (!args['data-dir']) throw new Error('--data-dir is required')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const photo = path.join(
  path.dirname(require.resolve('@vladmandic/face-api')),
  '..',
  'demo',
  'sample1.jpg',
)
const images = path.join(root, 'docs', 'images')

const bridge = await spawnBridge({ dataDir: args['data-dir'] })
const browser = await chromium.launch({
  ...(existsSync(CHROMIUM) ? { executablePath: CHROMIUM } : {}),
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
})
try {
  const open = async (theme: 'light' | 'dark') => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } })
    await context.addInitScript(
      (t) => localStorage.setItem('fer-studio.ui', JSON.stringify({ theme: t })),
      theme,
    )
    const page = await context.newPage()
    await page.goto(bridge.url)
    await page.getByTestId('status-bar').filter({ hasText: 'Backend connected' }).waitFor()
    return page
  }

  const predict = await open('light')
  await predict.getByTestId('nav-predict').click()
  await predict.getByTestId('predict-file').setInputFiles(photo)
  await predict
    .locator('[data-testid="predict-photo"]:not([data-status="analyzing"])')
    .waitFor({ timeout: 120_000 })
  const status = await predict.getByTestId('predict-photo-status').textContent()
  if (!/faces/.test(status ?? '')) throw new Error(`the photo was not predicted: ${status}`)
  await predict.getByTestId('face-box').nth(1).click()
  await predict.waitForTimeout(500)
  console.log(`predict-light.png ${await saveScreenshot(predict, images, 'predict-light')} bytes`)

  const present = await open('dark')
  await present.getByTestId('nav-present').click()
  await present.getByTestId('present-stage').waitFor()
  for (let i = 1; i < Number(args.epoch); i++) await present.keyboard.press('ArrowRight')
  await present.waitForTimeout(1200)
  console.log(`present-dark.png ${await saveScreenshot(present, images, 'present-dark')} bytes`)
} finally {
  await browser.close()
  await bridge.stop()
}
