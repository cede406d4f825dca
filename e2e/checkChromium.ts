/**
 * Runs before the end-to-end step of `npm test`: without a Chromium it says in one line what to
 * install and exits 1, instead of building the renderer and failing inside the test runner.
 */
import { existsSync } from 'node:fs'

import { chromium } from '@playwright/test'

import { findChromium } from './fixtures/chromium'

const found = findChromium({
  override: process.env.CHROMIUM_PATH,
  exists: existsSync,
  playwrightChromium: () => chromium.executablePath(),
})
if (!found.ok) {
  console.error(found.message)
  process.exit(1)
}
