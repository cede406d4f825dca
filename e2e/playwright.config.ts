import { existsSync } from 'node:fs'

import { chromium as playwrightChromium, defineConfig } from '@playwright/test'

import { findChromium } from './fixtures/chromium'

/**
 * Browser end-to-end tests run Debian's Chromium (Playwright cannot download its own browser on
 * these machines; CHROMIUM_PATH overrides). Each test starts its own bridge on a random port with
 * its own data folder (fixtures/studio.ts). The `electron` project launches the real app and
 * skips itself, saying why, where no Electron binary can run.
 */
const chromium = findChromium({
  override: process.env.CHROMIUM_PATH,
  exists: existsSync,
  playwrightChromium: () => playwrightChromium.executablePath(),
})

export default defineConfig({
  testDir: '.',
  outputDir: '../test-results',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  // Two cores: two tests side by side, each with its bridge and (for training) a worker thread.
  workers: 2,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list'], ['html', { open: 'never', outputFolder: '../playwright-report' }]],
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    viewport: { width: 1440, height: 900 },
    actionTimeout: 15_000,
    launchOptions: {
      ...(chromium.ok && chromium.executablePath
        ? { executablePath: chromium.executablePath }
        : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [
    { name: 'browser', testDir: './browser', use: { browserName: 'chromium' } },
    { name: 'electron', testDir: './electron' },
  ],
})
