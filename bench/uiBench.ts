import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { chromium } from 'playwright-core'
import type { Browser, Page } from 'playwright-core'

import type { DatasetId } from '../shared/domain'
import { connectBridgeClient } from '../electron/bridge/bridgeClient'
import type { BridgeClient } from '../electron/bridge/bridgeClient'
import { spawnBridge } from '../electron/bridge/spawnBridge'
import type { SpawnedBridge } from '../electron/bridge/spawnBridge'
import {
  SOCKET_LOG_SCRIPT,
  scrollGrid,
  stats,
  timeFilterChange,
  timeRelabel,
  timeUntilGridFull,
} from './ui/pageProbes'
import type { FilterTiming, RelabelTiming } from './ui/pageProbes'
import { importThroughBridge, trainTinyCnn } from './ui/benchStore'
import { saveScreenshot } from './ui/screenshots'

/**
 * `npm run bench:ui`: the studio in Chromium against a bridge holding the FER2013 dev CSV
 * (32,298 faces): time to the first full Faces grid, frames per second while scrolling all of
 * it, filter change to redrawn grid, keypress relabel to saved and redrawn, renderer memory.
 * Writes bench/results/ui.json and screenshots of every screen (light and dark) to docs/images/.
 * The machine is shared and has 2 cores: run it on a quiet machine for stable numbers.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const DATA_DIR = process.env.FER_SHARED_DATA ?? path.resolve(ROOT, '../shared/data')
const CSV = path.join(DATA_DIR, 'fer2013/fer2013-dev.csv.gz')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const VIEWPORT = { width: 1440, height: 900 }
/** A fast fling through all 32,298 faces (~90 s), and a reading pace (about 10 rows a second). */
const SCROLL_SPEED_PX_PER_S = 6000
const READING_SPEED_PX_PER_S = 1200
/** The pause between two filter clicks: a person moving to the next chip. */
const USER_PAUSE_MS = 300
const SCREENS = ['library', 'faces', 'balance', 'train', 'evaluate'] as const
const LABELS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'] as const

function log(message: string): void {
  process.stdout.write(`[bench:ui] ${message}\n`)
}

function ensureRenderer(): void {
  if (existsSync(path.join(ROOT, 'out/renderer/index.html'))) return
  log('building the renderer')
  const built = spawnSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--config', 'renderer/vite.config.ts'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  )
  if (built.status !== 0) throw new Error('renderer build failed')
}

/** Resident memory of the browser's renderer processes (pids from CDP, sizes from /proc). */
async function rendererRssBytes(browser: Browser): Promise<number | null> {
  if (process.platform !== 'linux') return null
  const cdp = await browser.newBrowserCDPSession()
  const info = (await cdp.send('SystemInfo.getProcessInfo')) as {
    processInfo: { type: string; id: number }[]
  }
  await cdp.detach()
  let total = 0
  for (const { type, id } of info.processInfo) {
    if (type !== 'renderer') continue
    try {
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${id}/status`, 'utf8'))
      total += Number(rss?.[1] ?? 0) * 1024
    } catch {
      // the process ended while we looked
    }
  }
  return total
}

async function rendererMemory(page: Page, browser: Browser) {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.send('Performance.enable')
  const { metrics } = await cdp.send('Performance.getMetrics')
  await cdp.detach()
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? null
  return {
    jsHeapUsedBytes: metric('JSHeapUsedSize'),
    jsHeapTotalBytes: metric('JSHeapTotalSize'),
    domNodes: metric('Nodes'),
    rendererRssBytes: await rendererRssBytes(browser),
  }
}

async function openScreen(page: Page, screen: (typeof SCREENS)[number]): Promise<void> {
  await page.click(`[data-testid="nav-${screen}"]`)
  await page.waitForSelector(`[data-testid="screen-${screen}"]`)
  const ready: Record<(typeof SCREENS)[number], string> = {
    library: '[data-testid="dataset-row"]',
    faces: '[data-testid="face-tile"][data-label]:not([data-label=""])',
    balance: '[data-testid="screen-balance"] svg',
    train: '[data-testid="chart-loss"] svg',
    evaluate: '[data-testid="classification-report"]',
  }
  await page.waitForSelector(ready[screen], { timeout: 60_000 })
  // Let images decode and charts finish their entry animation.
  await page.waitForTimeout(1500)
}

/** Opens the studio in a fresh page of its own context, with a theme chosen before it loads. */
async function openStudio(browser: Browser, url: string, theme: 'light' | 'dark'): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 })
  await context.addInitScript(SOCKET_LOG_SCRIPT)
  await context.addInitScript(
    (theme) => localStorage.setItem('fer-studio.ui', JSON.stringify({ theme })),
    theme,
  )
  const page = await context.newPage()
  await page.goto(url)
  await page.click('[data-testid="dataset-row"]', { timeout: 90_000 })
  return page
}

/** The timed part: first grid, scrolling, filters, relabels, memory. */
async function measure(browser: Browser, page: Page) {
  log('first full grid')
  const firstGridColdMs = await timeUntilGridFull(page, '[data-testid="nav-faces"]', true)
  const warm: number[] = []
  for (let i = 0; i < 3; i++) {
    await page.click('[data-testid="nav-library"]')
    await page.waitForSelector('[data-testid="dataset-row"]')
    warm.push(await timeUntilGridFull(page, '[data-testid="nav-faces"]', true))
  }
  const faceCountShown = await page.textContent('[data-testid="face-count"]')

  log('scrolling the whole grid, then 10 s at reading speed')
  const loadBeforeScroll = os.loadavg()[0]
  const scroll = await scrollGrid(page, SCROLL_SPEED_PX_PER_S)
  const readingScroll = await scrollGrid(page, READING_SPEED_PX_PER_S, 10_000)
  const memoryAfterScroll = await rendererMemory(page, browser)

  log('filter changes')
  await page.evaluate(() => document.querySelector('[data-testid="face-grid"]')?.scrollTo(0, 0))
  const filterOn: FilterTiming[] = []
  const filterOff: FilterTiming[] = []
  const backToBackOff: FilterTiming[] = []
  for (const label of ['happy', 'sad', 'fear', 'neutral', 'surprise', 'angry']) {
    const chip = `[data-testid="filter-label-${label}"]`
    // A person takes a moment between two clicks; the grid has settled by then.
    await page.waitForTimeout(USER_PAUSE_MS)
    filterOn.push(await timeFilterChange(page, chip, label))
    await page.waitForTimeout(USER_PAUSE_MS)
    filterOff.push(await timeFilterChange(page, chip, null))
  }
  // The same clicks with no pause: each change lands while the last one is still drawing.
  for (const label of ['happy', 'sad', 'fear', 'neutral', 'surprise', 'angry']) {
    const chip = `[data-testid="filter-label-${label}"]`
    await timeFilterChange(page, chip, label)
    backToBackOff.push(await timeFilterChange(page, chip, null))
  }
  const filterStats = (timings: readonly FilterTiming[]) => ({
    labels: stats(timings.map((t) => t.labelsMs)),
    labelsAndImages: stats(timings.map((t) => t.imagesMs)),
  })

  log('keypress relabels')
  const relabels: RelabelTiming[] = []
  for (let i = 0; i < 20; i++) {
    const tile = page.locator('[data-testid="face-tile"]').nth(i)
    const faceId = Number(await tile.getAttribute('data-face-id'))
    const current = (await tile.getAttribute('data-label')) ?? ''
    const from = LABELS.indexOf(current as (typeof LABELS)[number])
    const target = LABELS[(from + 1 + (i % 5)) % 7] ?? 'happy'
    await tile.click()
    await page.waitForTimeout(100)
    relabels.push(await timeRelabel(page, faceId, String(LABELS.indexOf(target) + 1), target))
  }
  const memoryAtEnd = await rendererMemory(page, browser)
  return {
    faceCountShown,
    firstFullGridMs: { cold: firstGridColdMs, warm: stats(warm) },
    scroll: {
      wholeGrid: { speedPxPerSecond: SCROLL_SPEED_PX_PER_S, ...scroll },
      readingSpeed: { speedPxPerSecond: READING_SPEED_PX_PER_S, ...readingScroll },
      loadAverageBefore: loadBeforeScroll,
      targetFps: 55,
    },
    filterChangeMs: {
      apply: filterStats(filterOn),
      clear: filterStats(filterOff),
      clearBackToBack: filterStats(backToBackOff),
      pauseBetweenChangesMs: USER_PAUSE_MS,
      targetMs: 100,
    },
    relabelMs: {
      drawn: stats(relabels.map((r) => r.drawnMs)),
      saved: stats(relabels.map((r) => r.savedMs)),
      savedAndDrawn: stats(relabels.map((r) => r.totalMs)),
      targetMs: 50,
    },
    memory: { afterScroll: memoryAfterScroll, atEnd: memoryAtEnd },
  }
}

/** Every screen in both themes, as small PNGs in docs/images/. */
async function takeScreenshots(browser: Browser, url: string): Promise<Record<string, number>> {
  const imagesDir = path.join(ROOT, 'docs/images')
  await mkdir(imagesDir, { recursive: true })
  const sizes: Record<string, number> = {}
  for (const theme of ['light', 'dark'] as const) {
    const page = await openStudio(browser, url, theme)
    for (const screen of SCREENS) {
      await openScreen(page, screen)
      const name = `${screen}-${theme}`
      sizes[`${name}.png`] = await saveScreenshot(page, imagesDir, name)
      log(`docs/images/${name}.png (${Math.round((sizes[`${name}.png`] ?? 0) / 1024)} KB)`)
    }
    await page.context().close()
  }
  return sizes
}

async function main(): Promise<void> {
  if (!existsSync(CSV)) {
    log(`skipped: ${CSV} is not here (set FER_SHARED_DATA to the shared data folder)`)
    return
  }
  // --screenshots-only refreshes docs/images without timing anything (ui.json is left alone).
  const screenshotsOnly = process.argv.includes('--screenshots-only')
  ensureRenderer()
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'fer-ui-bench-'))
  let bridge: SpawnedBridge | null = null
  let api: BridgeClient | null = null
  let browser: Browser | null = null
  try {
    // FER_UI_BENCH_DATA_DIR keeps the imported store between runs (for working on the bench).
    const keptDir = process.env.FER_UI_BENCH_DATA_DIR
    bridge = await spawnBridge({ dataDir: keptDir ?? path.join(scratch, 'data') })
    api = await connectBridgeClient(bridge.origin, bridge.token)
    const existing = (await api.call('datasets.list', {})).find((d) => d.name === 'fer2013-dev')
    let imported: { datasetId: DatasetId; ms: number | null; faces: number }
    if (existing !== undefined) {
      imported = { datasetId: existing.id, ms: null, faces: existing.faceCount }
      log(`using the ${existing.faceCount} faces already in ${keptDir ?? ''}`)
    } else {
      log(`importing ${CSV}`)
      imported = await importThroughBridge(api, CSV, 'fer2013-dev')
      log(`imported ${imported.faces} faces in ${imported.ms} ms`)
    }

    browser = await chromium.launch({
      ...(existsSync(CHROMIUM) ? { executablePath: CHROMIUM } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        '--enable-precise-memory-info',
      ],
    })
    // Screens first, on the dataset as imported (the timed relabels below would show in them).
    const runs = await api.call('training.listRuns', { datasetId: imported.datasetId })
    if (!runs.some((run) => run.status === 'completed')) {
      log('training tiny-cnn for the Train and Evaluate screenshots')
      const runId = await trainTinyCnn(api, imported.datasetId, 4)
      await api.call('evaluation.run', { runId, split: 'validation' })
    }
    log('screenshots')
    const screenshots = await takeScreenshots(browser, bridge.url)
    if (screenshotsOnly) return

    const page = await openStudio(browser, bridge.url, 'light')
    const measured = await measure(browser, page)
    await page.context().close()

    const result = {
      date: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? 'unknown',
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
        chromium: browser.version(),
        loadAverageAtEnd: os.loadavg().map((x) => Math.round(x * 100) / 100),
        note: 'shared 2-core machine without GPU (--disable-gpu); other work may have run meanwhile',
      },
      dataset: {
        file: path.relative(ROOT, CSV),
        faces: imported.faces,
        importMs: imported.ms,
        faceCountShown: measured.faceCountShown,
      },
      viewport: VIEWPORT,
      ...measured,
      screenshots,
    }
    await mkdir(path.join(ROOT, 'bench/results'), { recursive: true })
    await writeFile(
      path.join(ROOT, 'bench/results/ui.json'),
      `${JSON.stringify(result, null, 2)}\n`,
    )
    log(
      `wrote bench/results/ui.json:\n${JSON.stringify({ ...result, screenshots: undefined }, null, 2)}`,
    )
  } finally {
    await browser?.close()
    await api?.close()
    await bridge?.stop()
    await rm(scratch, { recursive: true, force: true })
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
  process.exit(1)
})
