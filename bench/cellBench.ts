import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { chromium } from 'playwright-core'
import type { Browser, Page } from 'playwright-core'

import { EMOTIONS } from '../shared/domain'
import type { Emotion, RunId, Split } from '../shared/domain'
import { connectBridgeClient } from '../electron/bridge/bridgeClient'
import type { BridgeClient } from '../electron/bridge/bridgeClient'
import { spawnBridge } from '../electron/bridge/spawnBridge'
import type { SpawnedBridge } from '../electron/bridge/spawnBridge'
import { importThroughBridge, trainTinyCnn } from './ui/benchStore'
import { SOCKET_LOG_SCRIPT, stats, timeUntilGridFull } from './ui/pageProbes'

/**
 * `npm run bench:cell`: a confusion-matrix cell click on the FER2013 dev CSV (32,298 faces), from
 * the click on the Evaluate screen to a full Faces grid (labels and images), on the validation
 * split (3,589 faces) and the train split (28,709), plus the backend's `evaluation.cellFaces`
 * alone. A one-epoch tiny-cnn run gives the matrix. Writes bench/results/cell.json.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const DATA_DIR = process.env.FER_SHARED_DATA ?? path.resolve(ROOT, '../shared/data')
const CSV = path.join(DATA_DIR, 'fer2013/fer2013-dev.csv.gz')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const VIEWPORT = { width: 1440, height: 900 }
const SPLITS: readonly Split[] = ['validation', 'train']

function log(message: string): void {
  process.stdout.write(`[bench:cell] ${message}\n`)
}

type Cell = Readonly<{ truth: Emotion; predicted: Emotion; count: number }>

/** The diagonal and the three fullest off-diagonal cells of a stored evaluation. */
async function cellsToClick(api: BridgeClient, runId: RunId, split: Split): Promise<Cell[]> {
  const evaluation = await api.call('evaluation.get', { runId, split })
  if (evaluation === null) throw new Error(`no ${split} evaluation`)
  const cells: Cell[] = []
  evaluation.confusion.forEach((row, r) =>
    row.forEach((count, c) => {
      const truth = EMOTIONS[r] as Emotion
      const predicted = EMOTIONS[c] as Emotion
      if (count > 0) cells.push({ truth, predicted, count })
    }),
  )
  const diagonal = cells.filter((c) => c.truth === c.predicted)
  const off = cells.filter((c) => c.truth !== c.predicted).sort((a, b) => b.count - a.count)
  return [...diagonal, ...off.slice(0, 3)]
}

async function backendMs(api: BridgeClient, runId: RunId, split: Split, cell: Cell) {
  const started = performance.now()
  await api.call('evaluation.cellFaces', { runId, split, ...cell })
  return performance.now() - started
}

async function clickCells(page: Page, split: Split, cells: readonly Cell[]): Promise<number[]> {
  await page.click('[data-testid="nav-evaluate"]')
  await page.getByTestId('eval-split').getByRole('radio', { name: split, exact: true }).click()
  const timings: number[] = []
  for (const cell of cells) {
    await page.click('[data-testid="nav-evaluate"]')
    const selector = `[data-testid="cm-cell-${cell.truth}-${cell.predicted}"] button`
    await page.waitForSelector(selector, { timeout: 60_000 })
    await page.waitForTimeout(300)
    const ms = await timeUntilGridFull(page, selector, true)
    log(`${split} ${cell.truth}→${cell.predicted} (${cell.count} faces): ${Math.round(ms)} ms`)
    timings.push(ms)
  }
  return timings
}

async function main(): Promise<void> {
  if (!existsSync(CSV)) {
    log(`skipped: ${CSV} is not here (set FER_SHARED_DATA to the shared data folder)`)
    return
  }
  if (!existsSync(path.join(ROOT, 'out/renderer/index.html')))
    throw new Error('build the renderer first: npm run build:renderer')
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'fer-cell-bench-'))
  let bridge: SpawnedBridge | null = null
  let api: BridgeClient | null = null
  let browser: Browser | null = null
  try {
    bridge = await spawnBridge({ dataDir: path.join(scratch, 'data') })
    api = await connectBridgeClient(bridge.origin, bridge.token)
    log(`importing ${CSV}`)
    const imported = await importThroughBridge(api, CSV, 'fer2013-dev')
    log(`training tiny-cnn for one epoch on ${imported.faces} faces`)
    const runId = await trainTinyCnn(api, imported.datasetId, 1)
    for (const split of SPLITS) await api.call('evaluation.run', { runId, split })

    browser = await chromium.launch({
      ...(existsSync(CHROMIUM) ? { executablePath: CHROMIUM } : {}),
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
    })
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 })
    // The page probes need the helper tsx wraps named functions in (see pageProbes.ts).
    await context.addInitScript(SOCKET_LOG_SCRIPT)
    const page = await context.newPage()
    await page.goto(bridge.url)
    await page.click('[data-testid="dataset-row"]', { timeout: 90_000 })

    const results: Record<string, unknown> = {}
    for (const split of SPLITS) {
      const cells = await cellsToClick(api, runId, split)
      const backend: number[] = []
      for (const cell of cells) backend.push(await backendMs(api, runId, split, cell))
      const clicks = await clickCells(page, split, cells)
      results[split] = {
        faces: cells.reduce((n, c) => n + c.count, 0),
        cells: cells.length,
        largestCell: Math.max(...cells.map((c) => c.count)),
        clickToFullGridMs: stats(clicks),
        backendCellFacesMs: stats(backend),
      }
    }
    const result = {
      date: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        node: process.version,
        chromium: browser.version(),
        loadAverageAtEnd: os.loadavg().map((x) => Math.round(x * 100) / 100),
        note: 'shared 2-core machine without GPU; other work may have run meanwhile',
      },
      dataset: { file: path.relative(ROOT, CSV), faces: imported.faces },
      viewport: VIEWPORT,
      targetMs: 1000,
      ...results,
    }
    await mkdir(path.join(ROOT, 'bench/results'), { recursive: true })
    await writeFile(
      path.join(ROOT, 'bench/results/cell.json'),
      `${JSON.stringify(result, null, 2)}\n`,
    )
    log(`wrote bench/results/cell.json:\n${JSON.stringify(result, null, 2)}`)
  } finally {
    await browser?.close()
    await api?.close()
    await bridge?.stop()
    await rm(scratch, { recursive: true, force: true })
  }
}

await main()
